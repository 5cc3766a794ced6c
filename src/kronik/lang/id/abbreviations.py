"""Indonesian abbreviations written with a dot in news copy (lowercase, without the dot).

Read by ``kronik.lang.sentences`` so that "Prof. Dr. H. Ahmad", "Jl. Sudirman"
or "Kombes. Pol." do not end a sentence.  ``MAY_END`` lists those that often do
close one ("... dan lain-lain dll. Setelah itu").
"""

ABBREVIATIONS: frozenset[str] = frozenset("""
    prof dr drs dra ir h hj kh st sh se mm mh mba msi mt mpd spd skom sag ssos bpk ibu sdr sdri
    no nomor jl jln kab kec kel kota prov tbk pt cv ltd inc dkk dll dsb dst tsb yth a.n an u.p
    jan feb mar apr mei jun jul agu agt ags sep sept okt nov des
    kol brigjen mayjen letjen jend laksma marsma irjen kombes akbp kompol aiptu bripka brigpol ipda iptu akp
    rp no. hlm tel telp hp wib wita wit
""".split())

NAME_ABBREVIATIONS: frozenset[str] = frozenset("""
    dr drs dra drg prof ir h hj kh ust st sdr sdri ny tn bpk yth sp pd si md
    kol letkol pol purn
    jl jln no kab kec kel prov tbk rp hlm tel telp dkk dll dsb
""".split())
"""Written before, inside or after a name (titles, honorifics, degrees, ranks, addresses, company and
reference forms); a token keeps their dot ("Prof. Dr. H. Ahmad", "PT Astra Tbk.", "Jl. Sudirman No. 5")."""
