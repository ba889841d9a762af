// Each test kills processes and loads a 2-core machine on purpose: one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
