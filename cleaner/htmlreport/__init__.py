"""The HTML run report: per-site and per-language tallies, log reading, sampling, SVG charts and the page."""
