"""Dashboard settings in one place (environment variables override for a deployment)."""
import os
from pathlib import Path

from etl.settings import DEFAULT_DB

WAREHOUSE = Path(os.environ.get("CONFLICT_WAREHOUSE", DEFAULT_DB))
# DuckDB settings of the dashboard's connection: nothing outside the warehouse file is reachable.
CONNECTION_CONFIG = {
    "enable_external_access": False,
    "autoload_known_extensions": False,
    "autoinstall_known_extensions": False,
    "lock_configuration": True,
}
