// Briefing's search: a dialog, opened by the button of overrides/partials/search.html, over the Pagefind index that
// generator/search/ builds into site/pagefind/. Nothing is fetched until the dialog first opens;
// then Pagefind fetches only the index chunks a query's words need, and this file asks for the
// excerpts of the results it shows (PAGE at a time). Filter, meta and sort names are the ones
// generator/search/attributes.py writes into the pages.
//
// A large index is several Pagefind bundles, its shards (generator/search/indexer.py says why),
// listed newest dates first in pagefind/shards.json and searched together (Pagefind's mergeIndex),
// each tagged with its number as the SHARD filter. Pagefind orders merged results by score; sorted
// by date, a shard's score is only its rank within that shard, so a date-sorted search asks the
// shards one at a time, in date order, as results are needed: the shards hold consecutive dates.

const PAGE = 8; // results whose excerpt is fetched and shown at once
const DEBOUNCE_MS = 120;
const FILTER_TYPE = "type", FILTER_YEAR = "year", SORT_DATE = "date", ARTICLES = "Articles";
// An entry's names (its NAMES metadata, " · " between them): a query that is one of them puts that
// entry first. They are not weighed in the score (Pagefind would weigh them 1, as any metadata):
// a phrase that shares words with a weapon's name ("missile launch") must still find articles.
const NAMES = "names", NAMED = 3; // the entries whose names are compared with the query
const SHARD = "shard", SHARDS = "shards.json"; // the filter each shard carries; their list, in the bundle's folder

const opener = document.querySelector(".briefing-search-open");
const dialog = opener && makeDialog(opener);

// The dialog, the same on every page, made here rather than written into each of them; the
// header's button (overrides/partials/search.html) carries what differs: the theme's words and
// the paths relative to this page.
function makeDialog(button) {
  const made = document.createElement("dialog");
  if (typeof made.showModal !== "function") return null;
  const title = button.dataset.title || "Search", placeholder = button.dataset.placeholder || "Search";
  const icon = (button.querySelector("svg") || document.createElement("span")).outerHTML;
  made.id = "briefing-search";
  made.className = "briefing-search md-typeset";
  made.setAttribute("aria-labelledby", "briefing-search-title");
  made.innerHTML = `<div class="briefing-search__bar" role="search">
<h2 id="briefing-search-title" class="briefing-search__title"></h2>
<label class="briefing-search__icon md-icon" for="briefing-search-input">${icon}</label>
<input type="search" class="briefing-search__input" id="briefing-search-input" aria-describedby="briefing-search-status" aria-controls="briefing-search-results" autocapitalize="off" autocorrect="off" autocomplete="off" spellcheck="false" enterkeyhint="search">
<button type="button" class="briefing-search__close md-icon" aria-label="Close search" title="Close (Esc)"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12z"/></svg></button>
</div>
<div class="briefing-search__options">
<label>Show <select class="briefing-search__type" aria-label="Show"><option value="">Everything</option></select></label>
<label>Year <select class="briefing-search__year" aria-label="Year"><option value="">Any year</option></select></label>
<label>Sort <select class="briefing-search__sort" aria-label="Sort"><option value="">Relevance</option><option value="desc">Newest first</option><option value="asc">Oldest first</option></select></label>
</div>
<p class="briefing-search__status" id="briefing-search-status" role="status" aria-live="polite"></p>
<ol class="briefing-search__results" id="briefing-search-results" aria-label="Results"></ol>
<button type="button" class="briefing-search__more md-button" hidden>More results</button>`;
  // The theme's words go in as text, never as markup.
  made.querySelector(".briefing-search__title").textContent = title;
  made.querySelector(".briefing-search__icon").title = placeholder;
  const field = made.querySelector(".briefing-search__input");
  field.placeholder = placeholder;
  field.setAttribute("aria-label", placeholder);
  button.after(made);
  return made;
}

if (dialog) {
  const input = dialog.querySelector(".briefing-search__input");
  const status = dialog.querySelector(".briefing-search__status");
  const list = dialog.querySelector(".briefing-search__results");
  const more = dialog.querySelector(".briefing-search__more");
  const type = dialog.querySelector(".briefing-search__type");
  const year = dialog.querySelector(".briefing-search__year");
  const sort = dialog.querySelector(".briefing-search__sort");
  // The site's root, from this page (MkDocs' base_url is relative): works under /repo/ and serve.
  const root = new URL(opener.dataset.base.replace(/\/?$/, "/"), location.href);
  const bundle = new URL(opener.dataset.bundle, location.href);
  let pagefind = null, loading = null, shards = 1, generation = 0, timer = 0, returnTo = null;
  // The search shown: its results so far, how many there are in all, and the shards whose
  // date-sorted results are still to be asked for (in order).
  let results = [], total = 0, pending = [], shown = 0, current = null;
  let asked = ""; // the query and options of the search shown (or under way): the same one twice is one
  // One search at a time: Pagefind runs them one after another in its worker, so a query typed
  // while another runs waits for it, and only the newest of those waiting is run after it (each
  // keystroke's search would otherwise queue behind the last, on a large index ~1 s each). The one
  // running stops at its next step once another, of other words or options, waits: it asks for no
  // excerpts and shows nothing.
  let running = null, waiting = false;
  // The list is aria-busy while searches run (assistive technology waits; so do the tests).
  const ask = () => {
    if (running) { waiting = true; return running; }
    list.setAttribute("aria-busy", "true");
    running = search().catch(fail).finally(() => {
      running = null;
      if (waiting) { waiting = false; ask(); } else list.removeAttribute("aria-busy");
    });
    return running;
  };

  const load = () => loading || (loading = (async () => {
    const [module, paths] = await Promise.all([import(bundle.href), shardPaths()]);
    const settings = (number) => ({ baseUrl: root.pathname, excerptLength: 24, ranking: { metaWeights: { [NAMES]: 0 } },
                                    mergeFilter: { [SHARD]: String(number) } });
    await module.options(settings(0));
    await module.init();
    await Promise.all(paths.slice(1).map((path, i) => module.mergeIndex(new URL(path, bundle).href, settings(i + 1))));
    shards = paths.length;
    fillFilters(await module.filters());
    // Only now is the index ready: a query typed while the filters were still coming would have
    // found no categories to look for an exact name in (the entry not put first).
    pagefind = module;
    return module;
  })());

  // The shards' folders, relative to the bundle's: "" alone for an index without a list.
  async function shardPaths() {
    try {
      const response = await fetch(new URL(SHARDS, bundle));
      const listed = response.ok ? (await response.json()).shards : null;
      if (Array.isArray(listed) && listed.length && listed[0] === "" && listed.every((p) => typeof p === "string")) return listed;
    } catch (error) { /* no list: one bundle */ }
    return [""];
  }

  function fillFilters(filters) {
    const types = Object.keys(filters[FILTER_TYPE] || {});
    // Articles first, then the categories (their titles) in briefing.yml's order; any other
    // value (an index made before a category was renamed) after them, alphabetically.
    let order = [];
    try { order = JSON.parse(opener.dataset.order || "[]"); } catch (error) { order = []; }
    const rank = (value) => (value === ARTICLES ? -1 : order.includes(value) ? order.indexOf(value) : order.length);
    types.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
    for (const value of types) type.append(new Option(value, value));
    const years = Object.keys(filters[FILTER_YEAR] || {}).sort().reverse();
    for (const value of years) year.append(new Option(value, value));
  }

  function open() {
    if (dialog.open) return;
    returnTo = document.activeElement;
    dialog.showModal();
    input.focus();
    input.select();
    // What was typed while the index loaded is searched once it has, unless the reader is still
    // typing (the pause will ask): a search of half a word would hold up the whole one.
    load().then(() => input.value.trim() && !timer && ask()).catch(fail);
  }

  function close() {
    if (dialog.open) dialog.close();
  }

  function fail(error) {
    status.textContent = "Search is not available: the index could not be loaded.";
    console.warn("briefing search:", error);
  }

  function options() {
    const filters = {};
    if (type.value) filters[FILTER_TYPE] = type.value;
    if (year.value) filters[FILTER_YEAR] = year.value;
    const found = { filters };
    if (sort.value) found.sort = { [SORT_DATE]: sort.value };
    return found;
  }

  async function search() {
    if (!input.value.trim() && !type.value && !year.value) {
      asked = "";
      ++generation;
      list.replaceChildren();
      status.textContent = "";
      more.hidden = true;
      return;
    }
    // The query is read once the index is ready: what the reader typed while it loaded counts.
    const module = pagefind || await load();
    const query = input.value.trim();
    // Opening the dialog and the typing's debounce may both ask once the index has loaded: a
    // second identical search would redraw the list under the reader's focus.
    const key = dialogKey();
    if (key === asked) return;
    asked = key;
    const mine = ++generation;
    const asking = { query: query || null, wanted: options() };
    // Sorted by date over several shards, this search gives the count (its order is not the
    // date's); the shards' own searches, in date order, give the results (gather below).
    const found = await module.search(asking.query, asking.wanted);
    if (superseded(mine) || !found) return;
    current = asking;
    total = found.results.length;
    const sorted = asking.wanted.sort, walk = Boolean(sorted) && shards > 1;
    results = walk ? [] : sorted ? found.results : await named(module, asking, found.results);
    if (superseded(mine)) return;
    pending = walk ? [...Array(shards).keys()] : [];
    if (walk && sorted[SORT_DATE] === "asc") pending.reverse();
    shown = 0;
    list.replaceChildren();
    // The count first, as soon as it is known; then each result as its excerpt arrives.
    const n = total;
    status.textContent = n === 0 ? `No results for “${query}”` : `${n} ${n === 1 ? "result" : "results"}` + (query ? ` for “${query}”` : "");
    await showMore(mine);
  }

  // The words and options in the dialog now, as one string.
  function dialogKey() {
    return JSON.stringify([input.value.trim(), options()]);
  }

  // Whether search ``mine`` is out of date: a newer one has started, or waits to with other words
  // or options (if the reader comes back to these, they must be searched again: this one stops
  // without showing them).
  function superseded(mine) {
    if (mine !== generation) return true;
    if (!waiting || dialogKey() === asked) return false;
    asked = "";
    return true;
  }

  // ``results`` with the entries that the query names first. Pagefind's score cannot tell a query that
  // is an entry's name from one that shares its words, and in a large briefing hundreds of articles
  // carry a name in their headline (at 10,000 articles its entry came first by 1%, and for an
  // alias not at all): the best-scored few entries are looked at, and those named exactly move up.
  async function named(module, { query, wanted }, results) {
    const chosen = wanted.filters[FILTER_TYPE];
    const categories = chosen ? [chosen] : [...type.options].map((o) => o.value).filter((v) => v && v !== ARTICLES);
    const key = comparable(query || "");
    if (!key || chosen === ARTICLES || !categories.length || !results.length) return results;
    const found = await module.search(query, { filters: { ...wanted.filters, [FILTER_TYPE]: { any: categories } } });
    const top = found.results.slice(0, NAMED);
    const data = await Promise.all(top.map((result) => result.data()));
    const ids = new Set(top.filter((result, i) => String(data[i].meta[NAMES] || "").split(" · ").some((name) => comparable(name) === key)).map((result) => result.id));
    if (!ids.size) return results;
    return [...results.filter((result) => ids.has(result.id)), ...results.filter((result) => !ids.has(result.id))];
  }

  // A name as a reader may type it: case, accents, hyphens and spacing aside ("Kim Jong Un" is "Kim Jong-un").
  function comparable(text) {
    return text.normalize("NFKD").replace(/\p{M}/gu, "").toLocaleLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  }

  // Results up to ``want``, from the shards still pending, one shard at a time in date order.
  async function gather(want, mine) {
    while (results.length < want && pending.length) {
      const shard = pending.shift();
      const { query, wanted } = current;
      const found = await pagefind.search(query, { ...wanted, filters: { ...wanted.filters, [SHARD]: String(shard) } });
      if (superseded(mine)) return;
      results.push(...found.results);
    }
  }

  async function showMore(mine = generation) {
    await gather(shown + PAGE, mine);
    if (superseded(mine)) return;
    const next = results.slice(shown, shown + PAGE);
    // Every excerpt is asked for at once; each result is shown as soon as it and those above it
    // have come, not when the last of them has.
    const data = next.map((result) => result.data());
    for (const item of data) {
      const found = await item;
      if (superseded(mine)) return;
      list.append(render(found));
      shown++;
    }
    more.hidden = shown >= total;
  }

  function render(item) {
    const li = document.createElement("li");
    li.className = "briefing-search__result";
    const link = document.createElement("a");
    link.href = item.url;
    link.className = "briefing-search__link";
    const title = document.createElement("span");
    title.className = "briefing-search__result-title";
    title.textContent = item.meta.title || item.url;
    const meta = document.createElement("span");
    meta.className = "briefing-search__result-meta";
    meta.textContent = item.meta.kind === "article" ? (item.meta.date || "Undated") : (item.meta.category || "");
    const excerpt = document.createElement("p");
    excerpt.className = "briefing-search__excerpt";
    excerpt.append(...marked(item.excerpt || ""));
    link.append(title, meta, excerpt);
    li.append(link);
    return li;
  }

  // Pagefind's excerpt is text with <mark> around the matching words: keep exactly that (text and
  // <mark>), whatever the page held, so an article's text can never become markup here.
  function marked(excerpt) {
    const template = document.createElement("template");
    template.innerHTML = excerpt;
    const nodes = [];
    for (const node of template.content.childNodes) {
      if (node.nodeName === "MARK") {
        const mark = document.createElement("mark");
        mark.textContent = node.textContent;
        nodes.push(mark);
      } else {
        nodes.push(document.createTextNode(node.textContent));
      }
    }
    return nodes;
  }

  function focusables() {
    return [...dialog.querySelectorAll("input, select, button, a[href]")].filter((el) => !el.hidden && el.offsetParent !== null);
  }

  opener.hidden = false;
  opener.addEventListener("click", open);
  dialog.querySelector(".briefing-search__close").addEventListener("click", close);
  dialog.addEventListener("close", () => {
    if (returnTo && typeof returnTo.focus === "function") returnTo.focus();
  });
  // A click on the backdrop (outside the dialog's box) closes it, as Material's overlay does.
  dialog.addEventListener("click", (event) => {
    if (event.target !== dialog) return;
    const box = dialog.getBoundingClientRect();
    const inside = event.clientX >= box.left && event.clientX <= box.right && event.clientY >= box.top && event.clientY <= box.bottom;
    if (!inside) close();
  });
  input.addEventListener("input", () => {
    clearTimeout(timer);
    // No preload while typing: measured at 2,000 articles it fetched the chunks of every partial
    // word (an alias query 382 kB instead of 266 kB) and gave no first result sooner.
    timer = setTimeout(() => { timer = 0; ask(); }, DEBOUNCE_MS);
  });
  for (const select of [type, year, sort]) select.addEventListener("change", ask);
  more.addEventListener("click", () => {
    const first = shown;
    showMore().then(() => list.children[first]?.querySelector("a")?.focus()).catch(fail);
  });
  dialog.addEventListener("keydown", (event) => {
    if (event.key === "Tab") { // keep focus inside the dialog (showModal leaves the browser's UI in the cycle)
      const items = focusables();
      const first = items[0], last = items[items.length - 1];
      if (event.shiftKey && document.activeElement === first) { event.preventDefault(); last.focus(); }
      else if (!event.shiftKey && document.activeElement === last) { event.preventDefault(); first.focus(); }
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      const links = [...list.querySelectorAll("a")];
      if (!links.length) return;
      const at = links.indexOf(document.activeElement);
      if (at === -1 && event.target !== input) return;
      event.preventDefault();
      const next = event.key === "ArrowDown" ? Math.min(at + 1, links.length - 1) : at - 1;
      (next < 0 ? input : links[next]).focus();
    } else if (event.key === "Enter" && event.target === input) {
      const first = list.querySelector("a");
      if (first) { event.preventDefault(); first.click(); }
    }
  });
  // "/" and "s" open the search from anywhere but a text field, as in Material. Capture phase on
  // window, so Material's own keyboard handler (which would toggle its absent search) never sees them.
  window.addEventListener("keydown", (event) => {
    if (dialog.open || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key !== "/" && event.key !== "s" && event.key !== "S") return;
    const target = event.target;
    if (target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    open();
  }, true);
}
