global using Replies.Workflows;
