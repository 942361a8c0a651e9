"""Search: the site's full-text index, built by Pagefind after MkDocs has written ``site/``.

Two halves, one vocabulary. ``attributes`` is what the renderer writes into a page so that the
index knows what the generator knows (an article or an entry, its category, its date, its names);
``indexer`` runs Pagefind over the built site (the plugin's ``on_post_build``, so ``mkdocs build``,
``mkdocs serve``, ``make site`` and the Pages workflow all get it). The reader's side is
``docs/assets/search.js``, which asks the index for those same filters, sorts and metadata.
"""

from .attributes import PageAttributes, page_attributes  # noqa: F401
from .background import BackgroundIndexer  # noqa: F401
from .indexer import BUNDLE, SearchIndexError, IndexReport, index_site  # noqa: F401
