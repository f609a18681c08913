//! Images entering the site: one path for uploads, article imports, the demo and the importers.
