"""The plugins' entry points are read as :mod:`importlib.metadata` reads them."""

from __future__ import annotations

import importlib.metadata
import sys
import zipfile
from pathlib import Path

import pytest

from safeguarding_partnership.plugins import entry_points as reader
from safeguarding_partnership.plugins.entry_points import EntryPoint, entry_points


def _theirs(group: str) -> list[tuple[str, str]]:
    return [(ep.name, ep.value) for ep in importlib.metadata.entry_points(group=group)]


def _ours(group: str) -> list[tuple[str, str]]:
    return [(ep.name, ep.value) for ep in entry_points(group)]


def test_every_installed_group_reads_the_same() -> None:
    groups = {ep.group for dist in importlib.metadata.distributions() for ep in dist.entry_points}
    assert "safeguarding_partnership" in groups  # the example plugins are installed here
    assert len(groups) > 3
    for group in sorted(groups):
        assert _ours(group) == _theirs(group), group


def _dist(folder: Path, name: str, text: str | None) -> None:
    (folder / name).mkdir(parents=True)
    project = name.partition("-")[0].partition(".egg")[0]
    (folder / name / "METADATA").write_text(f"Name: {project}\nVersion: 1\n", encoding="utf-8")
    if text is not None:
        (folder / name / "entry_points.txt").write_text(text, encoding="utf-8")


def test_awkward_installations_read_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Duplicates spelt differently (the first on the path wins), egg-info, comments, other
    groups, a distribution without entry points, a file named like a folder, a missing path."""
    first, second = tmp_path / "first", tmp_path / "second"
    group = "safeguarding_partnership"
    _dist(first, "Foo_Bar-1.0.dist-info", f"# c\n[{group}]\nfoo = foo_mod:plugin\n# x\n")
    _dist(first, "plain-2.0.dist-info", None)
    _dist(first, "old.egg-info", f"[console_scripts]\nold = old:main\n\n[{group}]\nold=old\n")
    (first / "stray.dist-info").write_text("not a folder", encoding="utf-8")
    _dist(second, "foo.bar-3.0.dist-info", f"[{group}]\nfoo = other:plugin\n")  # a duplicate
    _dist(second, "zed-1.0.dist-info", f"[{group}]\n  zed =  zed.sub : hooks [extra]  \n")
    _dist(second, "spaced-1.0.dist-info", f"[ {group} ]\nspaced = spaced\n")  # another heading
    monkeypatch.setattr(sys, "path", [str(first), str(tmp_path / "absent"), str(second)])
    for name in (group, "console_scripts", "none-such"):
        assert _ours(name) == _theirs(name), name
    found = dict(_ours(group))
    assert sorted(found) == ["foo", "old", "zed"]  # the order is the folder listing's
    assert found["foo"] == "foo_mod:plugin"  # the first on the path


def test_a_zip_archive_on_the_path_is_read_by_importlib_metadata(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = tmp_path / "plugins.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("zipped-1.0.dist-info/METADATA", "Name: zipped\nVersion: 1.0\n")
        zipped.writestr("zipped-1.0.dist-info/entry_points.txt", "[g]\nz = zipped:hooks\n")
    monkeypatch.setattr(sys, "path", [str(archive)])
    assert not reader._plain()
    assert _ours("g") == _theirs("g") == [("z", "zipped:hooks")]


def test_load_imports_the_module_and_follows_the_attributes() -> None:
    assert EntryPoint("p", "os.path", "g").load() is sys.modules["os.path"]
    assert EntryPoint("p", "os:path.join", "g").load() is sys.modules["os.path"].join
    assert EntryPoint("p", "os : sep [extra]", "g").load() == sys.modules["os"].sep
    with pytest.raises(ValueError, match="not a module or attribute"):
        EntryPoint("p", "not a value!", "g").load()


def test_a_suffix_not_in_lower_case_is_read_by_importlib_metadata(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """importlib.metadata names such a folder's distribution from its metadata, not from the
    folder's name: it is asked instead."""
    _dist(tmp_path, "Zed-1.0.DIST-INFO", "[g]\nzed = zed:hooks\n")
    monkeypatch.setattr(sys, "path", [str(tmp_path)])
    with pytest.raises(reader._NotPlain):
        reader._read("g")
    assert _ours("g") == _theirs("g") == [("zed", "zed:hooks")]


def test_a_broken_entry_points_file_is_passed_over_where_importlib_metadata_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One distribution's broken file (not UTF-8, or a line without ``=``) does not hide the
    other plugins, nor stop the run."""
    _dist(tmp_path, "good-1.0.dist-info", "[g]\ngood = good:hooks\n")
    _dist(tmp_path, "latin-1.0.dist-info", None)
    (tmp_path / "latin-1.0.dist-info" / "entry_points.txt").write_bytes(b"[g]\ncaf\xe9 = x\n")
    monkeypatch.setattr(sys, "path", [str(tmp_path)])
    with pytest.raises(UnicodeDecodeError):
        _theirs("g")
    assert _ours("g") == [("good", "good:hooks")]
    (tmp_path / "latin-1.0.dist-info" / "entry_points.txt").write_text("[g]\nno equals sign\n")
    with pytest.raises(TypeError):
        _theirs("g")
    assert _ours("g") == [("good", "good:hooks")]
