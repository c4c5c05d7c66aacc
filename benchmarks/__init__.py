"""govinfo's benchmarks: each target is a ratio against a baseline measured in the same run."""
