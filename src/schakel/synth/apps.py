from django.apps import AppConfig


class SynthConfig(AppConfig):
    """The synthetic municipality generator (demo, tests, benchmarks)."""

    name = "schakel.synth"
    label = "synth"
    verbose_name = "Synthetische gemeente"
