"""glibc iconv as a GIL-free CP932 decoder: equal to CPython's codec wherever it answers."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from migrate.io.iconv import REFUSED, Transcoder, transcoder


@pytest.fixture(scope="module")
def cp932() -> Transcoder:
    fast = transcoder("cp932")
    if fast is None:
        pytest.skip("this machine's iconv has no CP932 table equal to CPython's")
    return fast


def _python(data: bytes) -> bytes | None:
    try:
        return data.decode("cp932").encode()
    except UnicodeDecodeError:
        return None


def test_every_byte_and_pair_converts_as_cpython_or_is_refused(cp932: Transcoder) -> None:
    """Exhaustive: iconv accepts nothing CPython refuses and converts the rest identically."""
    differ = []
    for seq in [bytes((a,)) for a in range(256)] + [
        bytes((a, b)) for a in range(256) for b in range(256)
    ]:
        got = cp932.convert(seq)
        if got is not None and got != _python(seq):
            differ.append(seq.hex())
    assert differ == []


def test_the_bytes_iconv_refuses_are_the_known_ones(cp932: Transcoder) -> None:
    refused = [b for b in range(256) if cp932.convert(bytes((b,))) is None]
    python_refuses = [b for b in range(256) if _python(bytes((b,))) is None]
    assert sorted(REFUSED["cp932"]) == sorted(set(refused) - set(python_refuses))


def test_half_width_kana_need_the_larger_buffer(cp932: Transcoder) -> None:
    """Three UTF-8 bytes per byte: past the first guess of the output size."""
    data = "ｶﾅｶﾅ".encode("cp932") * 5000 + "漢字".encode("cp932")
    assert cp932.convert(data) == data.decode("cp932").encode()


def test_threads_convert_side_by_side(cp932: Transcoder) -> None:
    texts = [f"{i}行目 氏名ｶﾅ 住所　東京都".encode("cp932") * 2000 for i in range(16)]
    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(cp932.convert, texts))
    assert got == [t.decode("cp932").encode() for t in texts]


@pytest.mark.parametrize("encoding", ["shift_jis", "euc_jp", "utf-8"])
def test_only_tables_equal_to_cpythons_are_offered(encoding: str) -> None:
    """glibc's SHIFT_JIS maps 0x5C to ¥, its EUC-JP differs widely: CPython decodes those."""
    assert transcoder(encoding) is None
