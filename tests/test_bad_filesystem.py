"""Issue 14: no file-system entry, name or character stops a run, hangs it or loses text.
FIFOs, sockets, devices, link loops and undecodable names each get a failed row with a reason;
format and control characters are dropped (not binary); broken HTML keeps its visible text; a
2 M-character line without punctuation is processed in time linear in its length."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import stat
import time
from pathlib import Path

import pytest
from make_bad_inputs import FILLER, JA

from pipeline.ingest import ingest
from pipeline.limits import Limits
from pipeline.process import process
from pipeline.readfile import NotRegular, open_regular

EN = "Japan and Thailand signed the bilateral document on 19 November 2015."


@pytest.fixture
def no_hang():
    """Fail the test (instead of blocking CI forever) if it takes more than 300 s."""
    def expired(*_):
        raise TimeoutError("the run hung")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(300)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def _rows(db: Path) -> dict[str, tuple]:
    with sqlite3.connect(db) as con:
        return {r[0]: r[1:] for r in con.execute(
            "select doc, status, coalesce(stage, ''), coalesce(error, ''), coalesce(text, '') from documents")}


def _countries(db: Path, doc: str) -> set[str]:
    with sqlite3.connect(db) as con:
        return {r[0] for r in con.execute("select iso3 from fact_countries f join documents d "
                                          "on f.document_id = d.id where d.doc = ?", (doc,))}


def test_fifos_sockets_devices_loops_and_bad_names_are_listed_and_the_run_goes_on(tmp_path, no_hang) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "good.txt").write_text(JA + "\n", encoding="utf-8")
    os.mkfifo(docs / "pipe.txt")  # opening it for reading would block until a writer comes
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(docs / "socket.txt"))
    (docs / "self.txt").symlink_to("self.txt")
    (docs / "ping.txt").symlink_to("pong.txt")
    (docs / "pong.txt").symlink_to("ping.txt")
    with open(os.path.join(os.fsencode(docs), b"caf\xe9 \xff.txt"), "w", encoding="utf-8") as f:
        f.write(EN + "\n")
    try:
        os.mknod(docs / "device.txt", stat.S_IFCHR | 0o600, os.makedev(1, 3))  # /dev/null's numbers
        device = True
    except OSError:  # no CAP_MKNOD (not root) or a nodev file system
        device = False
    db = tmp_path / "s.sqlite"
    summary = ingest([docs], f"sqlite:///{db}", progress=False)
    sock.close()
    rows = _rows(db)
    assert rows["good.txt"][0] == "ok" and _countries(db, "good.txt") == {"JPN", "VNM"}
    assert rows["pipe.txt"][:3] == ("failed", "discover", "a FIFO (named pipe), not a regular file: skipped")
    assert rows["socket.txt"][:3] == ("failed", "discover", "a socket, not a regular file: skipped")
    for loop in ("self.txt", "ping.txt", "pong.txt"):
        assert rows[loop][:3] == ("failed", "discover", "link loop (a link that leads back to itself): not followed")
    assert rows["caf\\xe9 \\xff.txt"][0] == "ok"  # the bytes of the name shown escaped
    assert _countries(db, "caf\\xe9 \\xff.txt") == {"JPN", "THA"}
    if device:
        assert rows["device.txt"][:3] == ("failed", "discover", "a character device, not a regular file: skipped")
    assert summary.status["ok"] == 2


def test_a_file_that_becomes_a_fifo_after_discovery_is_refused_without_blocking(tmp_path, no_hang) -> None:
    os.mkfifo(tmp_path / "late.txt")
    with pytest.raises(NotRegular, match="a FIFO"):
        open_regular(tmp_path / "late.txt")
    out = process(tmp_path / "late.txt", "late.txt")
    assert (out.status, out.stage, out.error) == ("failed", "read", "a FIFO (named pipe), not a regular file: skipped")


FORMAT_CHARS = "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
CONTROLS = "\x01\x02\x07\x08\x0b\x1b\x1f\x7f\x85\x9b"


def test_format_and_control_characters_are_dropped_not_taken_for_binary(tmp_path) -> None:
    noisy = "".join(c + FORMAT_CHARS[i % len(FORMAT_CHARS)] + (CONTROLS[i % len(CONTROLS)] if i % 3 == 0 else "")
                    for i, c in enumerate(JA))
    (tmp_path / "ja.txt").write_text((noisy + "\n") * 3, encoding="utf-8")
    (tmp_path / "en.txt").write_text(FORMAT_CHARS + EN.replace(" ", " \u200b") + CONTROLS + "\n", encoding="utf-8")
    ja = process(tmp_path / "ja.txt", "ja.txt")
    en = process(tmp_path / "en.txt", "en.txt")
    assert ja.status == en.status == "ok"
    assert JA in ja.document.text and EN in en.document.text
    assert not any(c in ja.document.text + en.document.text for c in FORMAT_CHARS + CONTROLS)
    assert ja.lang == "ja" and en.lang == "en"
    assert {m.iso3 for _, _, m in ja.mentions if m.FIELD == "countries"} == {"JPN", "VNM"}
    assert {m.value for _, _, m in en.mentions if m.FIELD == "dates"} == {"2015-11-19"}


def test_nul_bytes_still_make_a_file_binary_and_a_big_one_is_refused_from_its_head(tmp_path) -> None:
    big = tmp_path / "big.txt"
    with open(big, "wb") as f:
        f.write(b"\x00\x01\x02\x03" * 16384)
        f.truncate(300 * 2**20)  # sparse: 300 MB that are never read
    out = process(big, "big.txt", limits=Limits(max_bytes=0))
    assert (out.status, out.stage, out.error) == ("failed", "decode", "binary data, not text")


BROKEN_HTML = {  # name: a page whose markup is broken around visible text
    "unclosed.html": "<html><body><div><p>{s}<p>次の段落<div><span>最後",
    "crossed.html": "<html><body><b><i>{s}</b></i><p>次</p></body></html>",
    "stray-span.html": "<html><body></span><p>{s}</p></span></body></html>",
    "body-no-gt.html": "<html><head><title>報道</title></head></body<p>{s}</p></html>",
    "body-eof.html": "<html><body><p>{s}</p></body",
    "script-div.html": "<html><body><script>var s = '</div></body></html>'; document.write('</p>');"
                       "</script><div><p>{s}</p></div></body></html>",
    "text-in-head.html": "<html><head><title>報道</title>{s}</head><body></body></html>",
    "form-page.html": "<html><body><form id='f1'><div><p>{s}</p></div></body></html>",
    "unclosed-title.html": "<html><head><title>報道</head><body><p>{s}</p></body></html>",
}


@pytest.mark.parametrize("name", sorted(BROKEN_HTML))
def test_broken_html_keeps_its_visible_text_and_facts(tmp_path, name) -> None:
    (tmp_path / name).write_text(BROKEN_HTML[name].format(s=JA), encoding="utf-8")
    out = process(tmp_path / name, name)
    assert out.status == "ok", out.error
    assert JA in out.document.text
    assert "document.write" not in out.document.text and "</div>" not in out.document.text
    assert {m.iso3 for _, _, m in out.mentions if m.FIELD == "countries"} == {"JPN", "VNM"}
    assert {m.value for _, _, m in out.mentions if m.FIELD == "dates"} == {"2021-11-24"}


def _unpunctuated_line(chars: int) -> str:
    """One line of Japanese with no newline and no sentence end, the sentence at both ends."""
    head = JA.rstrip("。")
    body = FILLER.replace("。", "").replace("、", "")
    return head + body * ((chars - 2 * len(head)) // len(body)) + head


def test_a_2m_character_line_is_processed_in_time_linear_in_its_length(tmp_path) -> None:
    seconds = {}
    for chars in (500_000, 2_000_000):
        path = tmp_path / f"line-{chars}.txt"
        path.write_text(_unpunctuated_line(chars), encoding="utf-8")
        started = time.process_time()  # CPU time: other processes on the machine do not count
        out = process(path, path.name)  # the default limits, time limit included
        seconds[chars] = time.process_time() - started
        assert out.status == "ok", out.error
        assert max(len(s.source) for s in out.segments) <= 1_000
        dates = [m for _, _, m in out.mentions if m.FIELD == "dates"]
        assert [m.value for m in dates] == ["2021-11-24", "2021-11-24"]  # at the start and at the end
        assert dates[-1].end > chars - 100
    ratio = seconds[2_000_000] / seconds[500_000]
    assert 2 < ratio < 7, seconds  # linear: about 4
