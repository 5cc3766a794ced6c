"""Phrases with which Indonesian articles cite another outlet or wire as their source.

Each cue is followed by the cited name: "dikutip dari Reuters", "seperti dilansir AFP",
"melansir Channel News Asia", "mengutip Xinhua".
"""

CITATION_CUES: tuple[str, ...] = (
    "dikutip dari", "dikutip", "dilansir dari", "dilansir", "melansir", "mengutip", "seperti dilaporkan",
    "dilaporkan", "diberitakan", "seperti diberitakan", "melaporkan", "laporan", "kantor berita",
    "menurut laporan",
)
