"""`make bench`: the test settings with the bare view beside the application's URLs."""

from erkt.testing.settings import *  # noqa: F403

ROOT_URLCONF = "erkt.testing.bench_urls"
