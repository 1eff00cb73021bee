"""Settings for the load benchmark: the real settings plus a bare Django endpoint that
does one insert, the baseline the ballot endpoint is compared with in the same run."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.load_urls"
