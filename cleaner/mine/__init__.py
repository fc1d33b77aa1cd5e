"""Site boilerplate mining: find the lines and line shapes that recur on a site's pages, write them as rules."""

from .run import Mined, MineRecord, finish, mine_records, mine_site, write_files
from .site import Thresholds

__all__ = ["MineRecord", "Mined", "Thresholds", "finish", "mine_records", "mine_site", "write_files"]
