import codecs

import pytest

from kronik.errors import BinaryInput, EmptyInput
from kronik.io.encoding import decode_bytes

TEXT = "Menteri “Budi” berkata – café résumé, 10:00 WIB"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),
        (TEXT.encode("cp1252"), "cp1252"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
    ],
)
def test_encoding_detected_and_decoded(data: bytes, encoding: str) -> None:
    decoded = decode_bytes(data, "x")
    assert decoded.encoding == encoding
    assert decoded.text.lstrip("\ufeff") == TEXT


def test_encoding_mixed_lines_each_decoded() -> None:
    data = "Baris pertama “benar”.\n".encode() + "Baris kedua “cp1252”.".encode("cp1252")
    decoded = decode_bytes(data, "x")
    assert decoded.encoding == "mixed"
    assert decoded.text.splitlines() == ["Baris pertama “benar”.", "Baris kedua “cp1252”."]


@pytest.mark.parametrize("data", [b"", b"   \n\t\n", codecs.BOM_UTF8])
def test_encoding_empty_is_reported(data: bytes) -> None:
    with pytest.raises(EmptyInput):
        decode_bytes(data, "x")


@pytest.mark.parametrize("data", [b"\x89PNG\r\n\x1a\n" + bytes(range(256)), b"%PDF-1.4\n...", bytes(range(256)) * 4])
def test_encoding_binary_is_reported(data: bytes) -> None:
    with pytest.raises(BinaryInput):
        decode_bytes(data, "x")
