"""The MkDocs plugin: briefing.yml is the one configuration; `mkdocs serve` regenerates, `mkdocs
build` does not; bad input under serve is logged and the last good docs/ kept; no state leaks."""

from __future__ import annotations

import logging
import time

import pytest
from mkdocs.config import load_config as mkdocs_config
from mkdocs.exceptions import PluginError

from generator import plugin
from generator.plugin import BriefingPlugin
from generator.pipeline import build


def session(project, command: str, env: dict[str, str] | None = None, monkeypatch=None):
    """mkdocs.yml loaded as MkDocs loads it, the plugin started for ``command``."""
    for key, value in (env or {}).items():
        monkeypatch.setenv(key, value)
    config = mkdocs_config(config_file=str(project.root / "mkdocs.yml"))
    config.plugins.on_startup(command=command, dirty=False)
    return config, config.plugins["briefing"]


@pytest.fixture
def site(project):
    return project.with_site()


def test_the_plugin_is_registered_and_listed():
    from importlib.metadata import entry_points

    (found,) = [e for e in entry_points(group="mkdocs.plugins") if e.name == "briefing"]
    assert found.value == "generator.plugin:BriefingPlugin"


def test_briefing_yml_sets_title_description_and_url(site, monkeypatch):
    monkeypatch.delenv("SITE_URL", raising=False)
    site.write("briefing.yml", site.root.joinpath("briefing.yml").read_text().replace(
        "title: Test briefing\n", "title: Test briefing\ndescription: What it covers.\nsite_url: https://example.org/b\n"))
    config, plugin = session(site, "build")
    config = config.plugins.on_config(config)
    assert (config.site_name, config.site_description, config.site_url) == ("Test briefing", "What it covers.", "https://example.org/b/")
    # SITE_URL (set by the Pages workflow) wins, for MkDocs and the feed alike.
    monkeypatch.setenv("SITE_URL", "https://owner.github.io/repo")
    config = config.plugins.on_config(config)
    assert config.site_url == "https://owner.github.io/repo/" == plugin.briefing.site_url


def test_pages_must_be_served_as_folders(site):
    text = site.root.joinpath("mkdocs.yml").read_text()
    site.write("mkdocs.yml", text.replace("use_directory_urls: true", "use_directory_urls: false") if "use_directory_urls" in text
               else text + "use_directory_urls: false\n")
    config, _ = session(site, "build")
    with pytest.raises(PluginError, match=r"^mkdocs.yml: use_directory_urls is false, .*write 'use_directory_urls: true'$"):
        config.plugins.on_config(config)


def test_mkdocs_yml_must_build_briefing_yml_docs_folder(site):
    site.write("briefing.yml", site.root.joinpath("briefing.yml").read_text() + "docs: pages\n")
    config, _ = session(site, "build")
    with pytest.raises(PluginError, match=r"^mkdocs.yml: docs_dir is .* but briefing.yml's docs is 'pages': write 'docs_dir: pages' in mkdocs.yml$"):
        config.plugins.on_config(config)


def test_a_title_left_in_mkdocs_yml_is_reported(site, caplog):
    text = site.root.joinpath("mkdocs.yml").read_text()
    site.write("mkdocs.yml", text.replace("site_name: briefing.yml", "site_name: Old title"))
    config, _ = session(site, "build")
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.briefing"):
        config = config.plugins.on_config(config)
    assert config.site_name == "Test briefing"
    assert "mkdocs.yml: site_name 'Old title' is ignored: it comes from briefing.yml's title" in caplog.text


def test_build_does_not_regenerate_serve_does(site, caplog):
    config, _ = session(site, "build")
    config = config.plugins.on_config(config)
    with pytest.raises(PluginError, match="docs/ has no generated pages: run 'briefing build' before 'mkdocs build'"):
        config.plugins.on_pre_build(config=config)
    assert not (site.root / "docs" / "index.md").exists()
    build(site.root)
    config.plugins.on_pre_build(config=config)  # a built docs/ is what `mkdocs build` builds

    (site.root / "docs" / "index.md").unlink()
    config.plugins.on_shutdown()
    config, plugin = session(site, "serve")
    config = config.plugins.on_config(config)
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.briefing"):
        config.plugins.on_pre_build(config=config)
        assert (site.root / "docs" / "index.md").exists()
        assert "briefing build: 1 articles" in caplog.text
        assert "coverage: " not in caplog.text  # once the pages are built, not before them
        plugin._after_build()  # what on_post_build does after the pages are written
        plugin._join_after_build()
    assert "coverage: " in caplog.text and "Details: briefing coverage" in caplog.text


def test_serve_rebuilds_from_memory(site, caplog):
    """The session's first build fills the memo even when docs/ is up to date (writing nothing),
    so that the first save already redoes only what it changed."""
    build(site.root)
    config, plugin = session(site, "serve")
    config = config.plugins.on_config(config)
    docs = sorted(p.stat().st_mtime_ns for p in (site.root / "docs").rglob("*.md"))
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.briefing"):
        config.plugins.on_pre_build(config=config)
    assert sorted(p.stat().st_mtime_ns for p in (site.root / "docs").rglob("*.md")) == docs  # nothing written
    site.article("second.txt", "---\ndate: 2018-01-01\n---\nSecond\n\nNorth Korea said so.\n")
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.briefing"):
        config.plugins.on_pre_build(config=config)
    assert "rebuilt from memory: 1 article files read again, 1 articles annotated" in caplog.text
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.briefing"):
        config.plugins.on_pre_build(config=config)  # nothing changed since: nothing to do
    assert "briefing build" not in caplog.text
    config.plugins.on_shutdown()
    assert plugin.memo is None


def test_bad_input_under_serve_keeps_the_last_good_pages(site, caplog):
    config, _ = session(site, "serve")
    config = config.plugins.on_config(config)
    config.plugins.on_pre_build(config=config)
    page = site.root / "docs" / "glossary" / "states" / "china.md"
    before = page.read_text()
    site.glossary("states", "- name: X\n")  # a half-saved file
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.briefing"):
        config.plugins.on_pre_build(config=config)  # no exception: the server keeps running
    assert "seeds/glossary/states.yml:1:3: entry: missing required key 'summary'" in caplog.text
    assert "docs/ keeps the last good pages until they are fixed" in caplog.text
    assert page.read_text() == before
    # briefing.yml itself half-saved: the last good one stands in, the problems are logged.
    good = config.site_name
    site.write("briefing.yml", "title: [")
    caplog.clear()
    config = config.plugins.on_config(config)
    assert config.site_name == good and "briefing.yml is invalid; serving the last good site" in caplog.text


def test_a_bad_briefing_yml_stops_a_build(site):
    site.write("briefing.yml", "title: Only a title\n")
    config, _ = session(site, "build")
    with pytest.raises(PluginError, match="briefing.yml: missing required key 'categories'"):
        config.plugins.on_config(config)


def test_state_is_per_instance_and_reset_on_shutdown(site, tmp_path_factory):
    first, second = BriefingPlugin(), BriefingPlugin()
    first.on_startup(command="serve", dirty=False)
    assert first.serving and not second.serving and second.command is None
    first.on_shutdown()
    assert first.command is None and first.briefing is None
    # MkDocs reuses one instance for every mkdocs.yml a process loads: the last good briefing.yml
    # of one project never stands in for another's.
    config, plugin = session(site, "serve")
    config.plugins.on_config(config)
    assert plugin.root == site.root
    other = tmp_path_factory.mktemp("other")
    (other / "docs").mkdir()
    (other / "overrides").mkdir()
    (other / "mkdocs.yml").write_text((site.root / "mkdocs.yml").read_text())
    (other / "briefing.yml").write_text("title: [")
    config = mkdocs_config(config_file=str(other / "mkdocs.yml"))
    assert config.plugins["briefing"] is plugin  # MkDocs' plugin cache
    with pytest.raises(PluginError, match="cannot read briefing.yml"):
        config.plugins.on_config(config)


def test_the_build_log_gives_the_site_size_against_github_pages_limit(tmp_path, monkeypatch):
    from generator import plugin

    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_bytes(b"x" * 600)
    (tmp_path / "index.html").write_bytes(b"x" * 300)
    monkeypatch.setattr(plugin, "PAGES_LIMIT", 1000)
    assert plugin._site_size(tmp_path) == "site: 2 files, 0.0 MB (90% of GitHub Pages' 1 GB)"
    (tmp_path / "feed.xml").write_bytes(b"x" * 200)
    assert plugin._site_size(tmp_path).endswith("(110% of GitHub Pages' 1 GB) — over the 1 GB GitHub Pages allows a published site")


def test_serve_freezes_what_the_first_build_left_and_thaws_at_shutdown(site, tmp_path):
    """After the first build, the objects that live for the session (the memo) are kept out of
    the garbage collector's rebuild-time walks (gc.freeze), and given back when it stops."""
    import gc

    from mkdocs.livereload import LiveReloadServer

    config, plugin = session(site, "serve")
    config.plugins.on_config(config)
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path / "served"))
    server.watch(config.docs_dir)  # as mkdocs serve does before on_serve
    try:
        assert gc.get_freeze_count() == 0
        config.plugins.on_serve(server, config=config, builder=lambda: None)
        assert gc.get_freeze_count() > 0
    finally:
        config.plugins.on_shutdown()
        server.server_close()
    assert gc.get_freeze_count() == 0


@pytest.mark.parametrize("saved_again", [False, True], ids=["left alone", "saved again at once"])
def test_after_a_rebuild_its_garbage_is_collected_once_the_server_is_idle(site, monkeypatch, caplog, saved_again):
    """The coverage line and then, a moment later, a collection whose survivors are frozen: the
    next rebuild's collections do not walk this one's leftovers. A save in that moment (the
    next on_pre_build) stops the wait and nothing is collected behind the rebuild's back."""
    calls = []
    monkeypatch.setattr(plugin.gc, "collect", lambda: calls.append("collect"))
    monkeypatch.setattr(plugin.gc, "freeze", lambda: calls.append("freeze"))
    monkeypatch.setattr(plugin, "SETTLE_S", 60.0 if saved_again else 0.01)
    config, briefing = session(site, "serve")
    config = config.plugins.on_config(config)
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.briefing"):
        config.plugins.on_pre_build(config=config)
        briefing._frozen = True  # as on_serve leaves it after the first build
        briefing._after_build()
        if not saved_again:
            briefing._after.join(timeout=30)
        started = time.monotonic()
        briefing._join_after_build()  # what the next on_pre_build does first
    assert time.monotonic() - started < 30
    assert "coverage: " in caplog.text
    assert calls == ([] if saved_again else ["collect", "freeze"])
    briefing._frozen = False
