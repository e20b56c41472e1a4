// These tests wait on the engine and storage rather than compute, so four classes run at once, each on its own task hub.
[assembly: Xunit.CollectionBehavior(MaxParallelThreads = 4)]
