"""`make bench`: throughput, scaling and memory of the ingest, each as a ratio against a baseline
measured in the same run (the machines are shared and noisy, so absolute figures mean little)."""
