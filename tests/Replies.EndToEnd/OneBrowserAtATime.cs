// Each browser test runs a host and its own Chromium: three at once on two cores, beside the other test assemblies,
// left pages waiting past any timeout in two fresh-clone CI runs. They run one class after another (about a minute
// longer, hidden behind the Functions integration tests that run beside them).
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
