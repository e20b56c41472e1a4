// Most of these tests wait on orchestrations, timers and storage rather than compute (two cores stay about 40 % busy
// with two classes at a time), so six classes run at once, each on its own table prefix and task hub.
[assembly: Xunit.CollectionBehavior(MaxParallelThreads = 6)]
