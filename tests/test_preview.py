"""The keepers of ``mkdocs serve`` on MkDocs' side (generator/preview.py): what they keep gives
what MkDocs would have made without them."""

from __future__ import annotations

import jinja2
from mkdocs.config import load_config
from mkdocs.structure.files import Files

from generator import preview

REPO_CONFIG = "mkdocs.yml"


def _theme_files(config) -> list[str]:
    """The files MkDocs takes from the theme, as a build does."""
    files = Files([])
    files.add_files_from_theme(config.theme.get_env(), config)
    return sorted((f.src_uri, f.abs_src_path) for f in files)


def _config(tmp_path, custom_dir=None):
    theme = {"name": "material"} | ({"custom_dir": str(custom_dir)} if custom_dir else {})
    return load_config(config_file=None, docs_dir=str(tmp_path / "docs"), site_dir=str(tmp_path / "site"),
                       site_name="t", theme=theme)


def test_the_kept_listing_gives_the_theme_files_mkdocs_takes(tmp_path):
    (tmp_path / "docs").mkdir()
    custom = tmp_path / "overrides"
    (custom / "assets").mkdir(parents=True)
    (custom / "assets" / "extra.css").write_text("a{}", encoding="utf-8")
    expected = _theme_files(_config(tmp_path, custom))
    keeper = preview.ThemeFiles()
    for _ in range(2):  # listed, then from what was kept
        config = _config(tmp_path, custom)
        keeper.install(config.theme)
        assert _theme_files(config) == expected
    assert any(name.endswith("extra.css") for name, _ in expected)
    assert len(expected) > 10  # Material's own assets are in the list


def test_the_installed_theme_is_walked_once_and_the_projects_folder_every_time(tmp_path, monkeypatch):
    (tmp_path / "docs").mkdir()
    custom = tmp_path / "overrides"
    custom.mkdir()
    walked = []
    real = jinja2.FileSystemLoader.list_templates

    def counting(loader):
        walked.extend(loader.searchpath)
        return real(loader)

    monkeypatch.setattr(jinja2.FileSystemLoader, "list_templates", counting)
    keeper = preview.ThemeFiles()
    for build in range(3):
        config = _config(tmp_path, custom)
        keeper.install(config.theme)
        (custom / f"new-{build}.css").write_text("a{}", encoding="utf-8")  # a file the next build must see
        names = config.theme.get_env().list_templates()
        assert all(f"new-{n}.css" in names for n in range(build + 1))
    installed = [folder for folder in walked if "site-packages" in folder]
    assert installed and len(installed) == len(set(installed)), walked  # each installed folder once
    assert walked.count(str(custom)) == 3
    assert not any(name.startswith(".") or "/." in name for name in names)  # no icon under .icons/


def _docs_files(tmp_path, names: list[str]) -> Files:
    docs = tmp_path / "docs"
    for name in names:
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text("# t\n", encoding="utf-8")
    from mkdocs.structure.files import File
    return Files([File(name, str(docs), str(tmp_path / "site"), True) for name in names])


def test_rewritten_pages_answer_whether_they_changed_and_others_ask_mkdocs(tmp_path):
    names = ["articles/a.md", "articles/b.md", "notes.md"]  # notes.md: the editor's own page
    docs = str(tmp_path / "docs")
    keeper = preview.Rewritten()

    files = _docs_files(tmp_path, names)
    keeper.wrote(["articles/a.md", "articles/b.md"], ["articles/a.md", "articles/b.md"])
    keeper.install(files, docs)  # the session's first build: MkDocs asks every file
    assert all("is_modified" not in vars(f) for f in files)

    keeper.built()
    keeper.wrote(["articles/b.md"], ["articles/a.md", "articles/b.md"])
    files = _docs_files(tmp_path, names)
    keeper.install(files, docs)
    answers = {f.src_uri: f.is_modified() for f in files}
    assert answers["articles/a.md"] is False and answers["articles/b.md"] is True
    assert "is_modified" not in vars(files.get_file_from_path("notes.md"))  # asked MkDocs' way

    keeper.wrote(["articles/a.md"], ["articles/a.md", "articles/b.md"])  # a second save before a build finished
    files = _docs_files(tmp_path, names)
    keeper.install(files, docs)
    assert [f.is_modified() for f in files if f.src_uri.startswith("articles/")] == [True, True]

    keeper.unknown()  # a killed build recovered: not known what was written
    files = _docs_files(tmp_path, names)
    keeper.install(files, docs)
    assert all("is_modified" not in vars(f) for f in files)


def test_the_build_date_is_taken_once_a_build_and_mkdocs_given_back_its_own(monkeypatch):
    import mkdocs.structure.pages
    import mkdocs.utils

    original = mkdocs.structure.pages.get_build_date
    keeper = preview.BuildDate()
    keeper.install()
    try:
        monkeypatch.setattr(mkdocs.utils, "get_build_date", lambda: "2031-01-02")
        assert mkdocs.structure.pages.get_build_date() != "2031-01-02"  # taken when the build started
        keeper.start_build()
        assert mkdocs.structure.pages.get_build_date() == "2031-01-02"
    finally:
        keeper.uninstall()
    assert mkdocs.structure.pages.get_build_date is original
