// Briefing's search: the dialog of overrides/partials/search.html over the Pagefind index that
// generator/search/ builds into site/pagefind/. Nothing is fetched until the dialog first opens;
// then Pagefind fetches only the index chunks a query's words need, and this file asks for the
// excerpts of the results it shows (PAGE at a time). Filter, meta and sort names are the ones
// generator/search/attributes.py writes into the pages.

const PAGE = 8; // results whose excerpt is fetched and shown at once
const DEBOUNCE_MS = 120;
const FILTER_TYPE = "type", FILTER_YEAR = "year", SORT_DATE = "date", ARTICLES = "Articles";

const dialog = document.getElementById("briefing-search");
const opener = document.querySelector(".briefing-search-open");

if (dialog && opener && typeof dialog.showModal === "function") {
  const input = dialog.querySelector(".briefing-search__input");
  const status = dialog.querySelector(".briefing-search__status");
  const list = dialog.querySelector(".briefing-search__results");
  const more = dialog.querySelector(".briefing-search__more");
  const type = dialog.querySelector(".briefing-search__type");
  const year = dialog.querySelector(".briefing-search__year");
  const sort = dialog.querySelector(".briefing-search__sort");
  // The site's root, from this page (MkDocs' base_url is relative): works under /repo/ and serve.
  const root = new URL(dialog.dataset.base.replace(/\/?$/, "/"), location.href);
  const bundle = new URL(dialog.dataset.bundle, location.href);
  let pagefind = null, loading = null, results = [], shown = 0, generation = 0, timer = 0, returnTo = null;
  let asked = ""; // the query and options of the search shown (or under way): the same one twice is one

  const load = () => loading || (loading = (async () => {
    const module = await import(bundle.href);
    await module.options({ baseUrl: root.pathname, excerptLength: 24 });
    await module.init();
    pagefind = module;
    fillFilters(await module.filters());
    return module;
  })());

  function fillFilters(filters) {
    const types = Object.keys(filters[FILTER_TYPE] || {});
    // Articles first, then the categories (their titles from briefing.yml), alphabetically.
    types.sort((a, b) => (a === ARTICLES ? -1 : b === ARTICLES ? 1 : a.localeCompare(b)));
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
    load().then(() => input.value.trim() && search()).catch(fail);
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
    const query = input.value.trim();
    // Opening the dialog and the typing's debounce may both ask once the index has loaded: a
    // second identical search would redraw the list under the reader's focus.
    const key = JSON.stringify([query, options()]);
    if (key === asked) return;
    asked = key;
    const mine = ++generation;
    const filtered = type.value || year.value;
    if (!query && !filtered) {
      list.replaceChildren();
      status.textContent = "";
      more.hidden = true;
      return;
    }
    const module = pagefind || await load();
    const found = await module.search(query || null, options());
    if (mine !== generation || !found) return; // a newer query has started
    results = found.results;
    shown = 0;
    list.replaceChildren();
    await showMore(mine);
    if (mine !== generation) return;
    const n = results.length;
    status.textContent = n === 0 ? `No results for “${query}”` : `${n} ${n === 1 ? "result" : "results"}` + (query ? ` for “${query}”` : "");
  }

  async function showMore(mine = generation) {
    const next = results.slice(shown, shown + PAGE);
    const data = await Promise.all(next.map((result) => result.data()));
    if (mine !== generation) return;
    for (const item of data) list.append(render(item));
    shown += next.length;
    more.hidden = shown >= results.length;
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
    timer = setTimeout(() => search().catch(fail), DEBOUNCE_MS);
  });
  for (const select of [type, year, sort]) select.addEventListener("change", () => search().catch(fail));
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
