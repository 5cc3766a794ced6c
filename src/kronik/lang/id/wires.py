"""Phrases with which Indonesian articles cite another outlet or wire as their source.

Each cue is followed by the cited name: "dikutip dari Reuters", "seperti dilansir AFP",
"melansir Channel News Asia", "mengutip Xinhua".
"""

CITATION_CUES: tuple[str, ...] = (
    "dikutip dari", "dikutip", "dilansir dari", "dilansir", "melansir", "mengutip", "seperti dilaporkan",
    "dilaporkan", "diberitakan", "seperti diberitakan", "melaporkan", "laporan", "kantor berita",
    "menurut laporan",
)

# First words of government bodies that citation cues also cite ("dilansir Kominfo Jatim", "dikutip dari
# Kemenkes"): such a name is an institution, never a wire or an outlet.
INSTITUTION_PREFIXES: tuple[str, ...] = (
    "kemen", "kominfo", "diskominfo", "humas", "pemkab", "pemkot", "pemprov", "dinas", "polda", "polres", "polresta",
    "kodam", "korem", "bpbd", "basarnas", "setkab", "setneg",
)
