"""The runnable download (scripts/build_download.py, ``make download``).

Uses the archive ``make download`` built (``_build/html/downloads/``), building it first when
it is missing or older than its sources. Checks what it holds (exactly the book's notebooks and
pages, the wheel, requirements.txt, README.md), that nothing of the build machine leaks into
it, that it is reproducible, and, as a reader would, that it runs: unpacked into an empty
directory with a new virtual environment holding only what the archive ships and names (its
wheel and its requirements.txt), one chapter is re-run there by nbval in strict mode.
(nbval itself is the test's tool, installed beside them; the nbval options are the suite's:
the sanitizers in tests/sanitize.cfg, which the reader does not need.)
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import venv
import zipfile
from importlib.metadata import version
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "book" / "_ext"))
sys.path.insert(0, str(ROOT / "scripts"))
import build_download  # noqa: E402
from lossbook_downloads import DOWNLOADS_DIR, PDF_NAME, ZIP_NAME  # noqa: E402

ZIP = ROOT / "_build" / "html" / DOWNLOADS_DIR / ZIP_NAME
SOURCES = [ROOT / "_toc.yml", ROOT / "pyproject.toml", ROOT / "README.md",  # README: the wheel's
           ROOT / "scripts" / "build_download.py",  # description
           *ROOT.glob("notebooks/*.ipynb"), *ROOT.glob("book/*.md"), *ROOT.glob("lossbook/**/*")]
FOLDER = build_download.FOLDER
#: The chapter the reader's environment re-runs: the race, which needs the package's widgets.
CHAPTER = "notebooks/02_neuron_race.ipynb"
#: The site's build and test tools: none belongs in the reader's requirements.
BUILD_TOOLS = ("jupyter-book", "jupyter_book", "sphinx", "pytest", "nbval", "playwright",
               "pypdf", "-e ")


@pytest.fixture(scope="module")
def archive() -> Path:
    newest = max(p.stat().st_mtime for p in SOURCES if p.is_file())
    if not ZIP.exists() or ZIP.stat().st_mtime < newest:
        done = subprocess.run([sys.executable, "scripts/build_download.py"], cwd=ROOT,
                              capture_output=True, text=True, timeout=900)
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return ZIP


def test_it_holds_exactly_the_chapters_the_wheel_and_the_instructions(archive):
    with zipfile.ZipFile(archive) as zf:
        names = zf.namelist()
        wheel = [n for n in names if n.endswith(".whl")]
        pages = [str(p.relative_to(ROOT)) for p in (ROOT / n for n in build_download.toc_files())]
        assert sorted(names) == sorted(
            [f"{FOLDER}/{p}" for p in pages]
            + [f"{FOLDER}/README.md", f"{FOLDER}/requirements.txt", *wheel])
        assert len(wheel) == 1 and re.fullmatch(rf"{FOLDER}/lossbook-[\d.]+-py3-none-any\.whl",
                                                wheel[0])
        with zipfile.ZipFile(io.BytesIO(zf.read(wheel[0]))) as whl:
            packaged = set(whl.namelist())
        # lossbook/web/src is the bundles' source (built into web/dist): not needed to run
        for module in ROOT.glob("lossbook/**/*"):
            if (module.is_file() and module.suffix in {".py", ".js", ".css", ".typed"}
                    and not module.relative_to(ROOT).as_posix().startswith("lossbook/web/src/")):
                assert module.relative_to(ROOT).as_posix() in packaged, f"{module} not in the wheel"
        # The notebooks are the executed ones: same cells, same outputs.
        for page in pages:
            if page.endswith(".ipynb"):
                shipped = nbformat.reads(zf.read(f"{FOLDER}/{page}").decode(), as_version=4)
                ours = nbformat.read(ROOT / page, as_version=4)
                assert [(c.source, c.get("outputs")) for c in shipped.cells] == [
                    (c.source, c.get("outputs")) for c in ours.cells], page
        reqs = zf.read(f"{FOLDER}/requirements.txt").decode()
        readme = zf.read(f"{FOLDER}/README.md").decode()
    named = [line for line in reqs.splitlines() if line and not line.startswith("#")]
    assert f"./{Path(wheel[0]).name}" in named
    for tool in BUILD_TOOLS:
        assert not any(line.lower().startswith(tool) for line in named), f"{tool} in {named}"
    assert re.search(r"pip install -r requirements\.txt && \S*jupyter lab ", readme), readme


def _texts(zf: zipfile.ZipFile, prefix: str = ""):
    """(name, text) of every member, looking inside the wheel too."""
    for info in zf.infolist():
        data = zf.read(info)
        if info.filename.endswith(".whl"):
            with zipfile.ZipFile(io.BytesIO(data)) as inner:
                yield from _texts(inner, info.filename + "!")
        else:
            yield prefix + info.filename, data.decode("utf-8", errors="replace")


def test_nothing_of_the_build_machine_leaks(archive):
    home = str(Path.home())
    with zipfile.ZipFile(archive) as zf:
        stamps = {info.date_time for info in zf.infolist()}
        modes = {info.external_attr >> 16 for info in zf.infolist()}
        assert len(stamps) == 1 and modes == {0o644}, (stamps, modes)
        assert all(n.startswith(FOLDER + "/") and ".." not in n for n in zf.namelist())
        for name, text in _texts(zf):
            for leak in (str(ROOT), home + "/", "/tmp/", "/work/", "file://"):
                assert leak not in text, f"{name} contains the build machine's path {leak!r}"
            assert not re.search(r"\.ipynb_checkpoints|__pycache__|\.pyc$", name), name


def test_the_archive_is_reproducible(archive, tmp_path):
    again = tmp_path / "again.zip"
    build_download.build(again)
    assert again.read_bytes() == archive.read_bytes(), "two builds from the same sources differ"


def test_a_chapter_runs_from_the_archive_alone(archive, tmp_path):
    """Unpack, make a new venv, install only the wheel and requirements.txt, re-run a chapter."""
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(tmp_path)
    folder = tmp_path / FOLDER
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)
    python = env_dir / "bin" / "python"
    # The reader's environment: none of this checkout's paths, nothing of the build's venv.
    env = {k: v for k, v in os.environ.items()
           if k not in {"PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME"} and not k.startswith("PIP_")}
    env["PATH"] = f"{env_dir / 'bin'}{os.pathsep}{env.get('PATH', '')}"

    def run(*args: str) -> str:
        done = subprocess.run([str(python), *args], cwd=folder, env=env, capture_output=True,
                              text=True, timeout=1200)
        assert done.returncode == 0, f"{args}:\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}"
        return done.stdout

    run("-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", "requirements.txt",
        f"nbval=={version('nbval')}", f"pytest=={version('pytest')}")
    where = json.loads(run("-c", "import json, lossbook; print(json.dumps(lossbook.__file__))"))
    assert Path(where).is_relative_to(env_dir), f"lossbook imported from {where}, not the venv"
    report = run("-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir", str(folder),
                 "--nbval", "--nbval-current-env",
                 "--nbval-sanitize-with", str(ROOT / "tests" / "sanitize.cfg"), CHAPTER)
    assert re.search(r"\b\d+ passed\b", report) and "failed" not in report, report


def test_every_page_with_a_download_menu_links_both_downloads(archive):
    """The menu's links are relative and land on the files, from disk or served alike."""
    html = ROOT / "_build" / "html"
    pdf = html / DOWNLOADS_DIR / PDF_NAME
    pages = [p for p in html.rglob("*.html") if "download-source-button" in p.read_text("utf-8")]
    assert len(pages) >= len(build_download.toc_files()), "pages without a download menu"
    for page in pages:
        hrefs = re.findall(r'href="([^"]*/?' + re.escape(DOWNLOADS_DIR) + r'/[^"]+)"',
                           page.read_text("utf-8"))
        targets = {(page.parent / h).resolve() for h in hrefs}
        assert not any(h.startswith(("/", "http:", "https:", "file:")) for h in hrefs), hrefs
        assert targets == {ZIP.resolve(), pdf.resolve()}, f"{page.relative_to(html)}: {hrefs}"
    assert ZIP.exists()
