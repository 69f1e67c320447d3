"""The learner's offline lab: meta-training, evaluation with its baselines, simulation, benchmarks and their
command-line wiring. Nothing here runs on a student's answer; it may use dev-only packages (fsrs, matplotlib)
and says so when they are absent. The teacher's class fit (classroom/) trains with meta.py."""
