"""Hostile files in raw/: each is skipped with a one-line message naming it (exit 2), or read
correctly; the well-formed articles beside it are published either way, and no traceback."""
from __future__ import annotations

import os
import re
import stat
import subprocess
import sys

import duckdb
import pytest

from tests.reliability.helpers import GOOD, ROOT, assert_sound, invoke, source_ids, spawn, write_good


def skipped_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("skipped: ")]


def check_skipped(raw, db, pattern: str, n: int = 1) -> list[str]:
    write_good(raw)
    result = invoke(raw, db)
    assert "Traceback" not in result.output + result.stderr
    lines = skipped_lines(result)
    assert len(lines) == n, result.stderr
    assert all(re.search(pattern, line) for line in lines), lines
    assert result.exit_code == 2, result.output
    assert (f"{n} files skipped" if n > 1 else "1 file skipped") in result.stdout
    assert set(GOOD) <= source_ids(db)
    assert_sound(db)
    return lines


def stored_text(db, sid: str) -> str:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT text FROM sources WHERE source_id = ?", [sid]).fetchone()[0]
    finally:
        con.close()


def check_read(raw, db, sid: str) -> str:
    """The file is an article: read, published, exit 0 or 1, nothing skipped."""
    write_good(raw)
    result = invoke(raw, db)
    assert "Traceback" not in result.output + result.stderr
    assert not skipped_lines(result), result.stderr
    assert result.exit_code in (0, 1), result.output
    assert set(GOOD) | {sid} <= source_ids(db)
    assert_sound(db)
    return stored_text(db, sid)


def test_not_utf8_names_file_byte_and_line(raw, db):
    (raw / "latin1.txt").write_bytes("Trial notes\nCaf\u00e9 patients".encode("latin-1"))
    check_skipped(raw, db, r"^skipped: latin1\.txt: byte 15 \(line 2\): not UTF-8")


def test_bom_is_stripped_and_offsets_count_after_it(raw, db):
    (raw / "bom.txt").write_bytes(b"\xef\xbb\xbf" + GOOD["good-alpha"].encode())
    text = check_read(raw, db, "bom")
    assert text == GOOD["good-alpha"]


def test_crlf_and_lone_cr_are_normalised(raw, db):
    body = GOOD["good-beta"].replace("\n", "\r\n")
    (raw / "crlf.txt").write_bytes(body.encode())
    (raw / "cr.txt").write_bytes(GOOD["good-alpha"].replace("\n", "\r").encode())
    write_good(raw)
    result = invoke(raw, db)
    assert result.exit_code in (0, 1) and not skipped_lines(result)
    assert stored_text(db, "crlf") == GOOD["good-beta"]
    assert stored_text(db, "cr") == GOOD["good-alpha"]
    assert_sound(db)  # spans and quotes index the stored (normalised) text


def test_nul_byte(raw, db):
    (raw / "nul.txt").write_bytes(b"A trial\nof 20 patients\x00 and more")
    check_skipped(raw, db, r"^skipped: nul\.txt: byte 22 \(line 2\): NUL byte")


@pytest.mark.parametrize("content", [b"", b"  \n\t\r\n", b"\xef\xbb\xbf", "\u2003\u00a0\n".encode()])
def test_empty_or_whitespace_only(raw, db, content):
    (raw / "blank.txt").write_bytes(content)
    check_skipped(raw, db, r"^skipped: blank\.txt: empty or whitespace-only article$")


@pytest.mark.parametrize("name,content,what", [
    ("paper.pdf.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "a PDF document"),
    ("figure.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10", "a PNG image"),
    ("notes.txt", b"PK\x03\x04\x14\x00\x06\x00word/document.xml", "a ZIP archive"),
    ("utf16.txt", "A trial of 20 patients".encode("utf-16"), "UTF-16 text"),
])
def test_binary_file_under_txt_name(raw, db, name, content, what):
    (raw / name).write_bytes(content)
    check_skipped(raw, db, rf"^skipped: {re.escape(name)}: byte 0: this is {re.escape(what)}")


def test_pdf_named_pdf_is_not_even_listed(raw, db):
    (raw / "paper.pdf").write_bytes(b"%PDF-1.4\n\x00\x01")
    write_good(raw)
    result = invoke(raw, db)
    assert not skipped_lines(result) and result.exit_code in (0, 1)


def test_symlink_outside_raw_is_refused(raw, db, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text(GOOD["good-alpha"])
    (raw / "leak.txt").symlink_to(secret)
    (raw / "inside.txt").symlink_to(raw / "good-beta.txt")  # inside raw/: allowed
    lines = check_skipped(raw, db, r"^skipped: leak\.txt: symlink points outside the raw folder; refused$")
    assert lines
    assert "inside" in source_ids(db)


def test_symlinked_folder_outside_raw_is_refused(raw, db, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "x.txt").write_text(GOOD["good-alpha"])
    (raw / "sub.txt").symlink_to(outside)  # a folder link that looks like an article
    check_skipped(raw, db, r"^skipped: sub\.txt: symlink points outside the raw folder")


def test_two_files_with_the_same_source_id(raw, db):
    (raw / "dup.txt").write_text(GOOD["good-alpha"])
    (raw / "more").mkdir()
    (raw / "more" / "dup.txt").write_text(GOOD["good-beta"])
    check_skipped(raw, db, r"^skipped: more/dup\.txt: source id 'dup' is already used by dup\.txt; rename")
    assert stored_text(db, "dup") == GOOD["good-alpha"]


def test_unicode_lookalike_names_collide(raw, db):
    (raw / "caf\u00e9.txt").write_text(GOOD["good-alpha"])  # NFC
    (raw / "cafe\u0301.txt").write_text(GOOD["good-beta"])  # NFD: same name to a reader
    check_skipped(raw, db, r"source id 'caf\u00e9' is already used")


def test_names_with_spaces_and_non_ascii(raw, db):
    (raw / "Étude pilote — 2021 (copy).txt").write_text(GOOD["good-beta"])
    (raw / "研究 报告.txt").write_text(GOOD["good-alpha"])
    write_good(raw)
    result = invoke(raw, db)
    assert result.exit_code in (0, 1) and not skipped_lines(result)
    assert {"Étude pilote — 2021 (copy)", "研究 报告"} <= source_ids(db)
    assert_sound(db)


def test_file_name_that_is_not_utf8(raw, db):
    with open(os.path.join(os.fsencode(raw), b"bad\xffname.txt"), "wb") as f:
        f.write(GOOD["good-alpha"].encode())
    check_skipped(raw, db, r"^skipped: bad\\xffname\.txt: file name is not valid UTF-8")


def test_file_name_with_a_line_break(raw, db):
    (raw / "two\nlines.txt").write_text(GOOD["good-alpha"])
    lines = check_skipped(raw, db, r"^skipped: two\\nlines\.txt: file name contains a control character")
    assert len(lines) == 1


# Unreadable files. Tests run as root in CI, where chmod 000 stops nothing; these fail for root too.
def test_folder_named_like_an_article(raw, db):
    (raw / "folder.txt").mkdir()
    check_skipped(raw, db, r"^skipped: folder\.txt: is a folder, not a file$")


def test_fifo_does_not_hang_the_run(raw, db):
    os.mkfifo(raw / "pipe.txt")
    check_skipped(raw, db, r"^skipped: pipe\.txt: not a regular file")


def test_dangling_symlink(raw, db):
    (raw / "gone.txt").symlink_to(raw / "no-such-file")
    check_skipped(raw, db, r"^skipped: gone\.txt: cannot read: the file .*does not exist")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_permission_denied(raw, db):
    p = raw / "locked.txt"
    p.write_text(GOOD["good-alpha"])
    p.chmod(0)
    try:
        check_skipped(raw, db, r"^skipped: locked\.txt: cannot read: Permission denied")
    finally:
        p.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_bad_metadata_sidecar(raw, db):
    (raw / "meta.txt").write_text(GOOD["good-alpha"])
    (raw / "meta.meta.toml").write_bytes(b'title = "unterminated\n')
    check_skipped(raw, db, r"^skipped: meta\.txt: metadata sidecar: ")


def test_hostile_metadata_values(raw, db):
    (raw / "odd.txt").write_text(GOOD["good-alpha"])
    (raw / "odd.meta.toml").write_text('kind = ["blog"]\ntitle = "x\\u0000y"\n')
    write_good(raw)
    result = invoke(raw, db)
    assert "Traceback" not in result.stderr and result.exit_code in (0, 1, 2)
    assert set(GOOD) <= source_ids(db)
    assert_sound(db)


def test_oversized_article_is_skipped_with_bounded_memory(raw, db):
    """50 MB article: skipped by size before it is read; the process stays small."""
    big = raw / "huge.txt"
    with big.open("wb") as f:
        line = b"Patients in the trial took 5 mg daily and felt better (n = 20), 1, 2, 3.\n"
        f.write(line * (50 * 2**20 // len(line) + 1))
    write_good(raw)
    # VmHWM, not ru_maxrss: ru_maxrss survives exec and would count the (large) pytest parent.
    probe = ("import re, runpy, sys\n"
             "sys.argv = ['pipeline'] + sys.argv[1:]\n"
             "try:\n    runpy.run_module('pipeline', run_name='__main__')\n"
             "finally:\n    hwm = re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1)\n"
             "    print('maxrss_kb', hwm, file=sys.stderr)\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", probe, "run", "--raw", str(raw), "--db", str(db)], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 2, out.stderr
    assert re.search(r"^skipped: huge\.txt: 50\.0 MB is above the 2 MB limit for one article", out.stderr, re.M)
    assert "Traceback" not in out.stderr
    rss_mb = int(re.search(r"maxrss_kb (\d+)", out.stderr).group(1)) / 1024
    assert rss_mb < 300, f"peak memory {rss_mb:.0f} MB"
    assert set(GOOD) <= source_ids(db)


@pytest.mark.slow
def test_one_megabyte_line_of_digits_and_brackets(raw, db):
    """No catastrophic regex backtracking anywhere in the pipeline: a real process, with a timeout."""
    import random
    rng = random.Random(3)
    parts = []
    size = 0
    while size < 2**20:
        piece = rng.choice(["(", ")", ",", ", ", "((", "))"]) + str(rng.randint(0, 10**rng.randint(1, 9)))
        parts.append(piece)
        size += len(piece)
    (raw / "digits.txt").write_text("".join(parts)[: 2**20] + "\n")
    (raw / "digits2.txt").write_text(("1,2(3),4.5(" * 100_000)[: 2**20] + "\n")
    write_good(raw)
    proc = spawn(raw, db)
    try:
        out, err = proc.communicate(timeout=90)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        pytest.fail("a 1 MB line of digits took more than 90 s")
    assert proc.returncode in (0, 1), err
    assert "Traceback" not in err
    assert {"digits", "digits2", *GOOD} <= source_ids(db)
    assert_sound(db)
