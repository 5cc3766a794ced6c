"""Web boilerplate of Indonesian news pages, as patterns.

Matched against one whitespace-normalised line, case-insensitively.  Grouped
by what they are so the ``removed`` list can say why a line went.  These are
hints the cleaner trusts; lines no pattern knows are still judged by shape,
position, repetition and cohesion with the article (see extract/boilerplate.py).
"""

from kronik.lang.base import BoilerplateRule as R

_SEP = r"\s*[:：\-–—|]?\s*"
RULES: tuple[R, ...] = (
    # Inline links to other stories.
    R("read-also", "lead-in", r"^(baca|simak|lihat|tonton|cek)( (juga|pula|berita|artikel|video))*\s*[:：\-–—|»>]*\s*$"),
    R("read-also", "line", r"^(baca|baca juga|baca pula|simak juga|simak pula|lihat juga|tonton juga|cek juga|artikel terkait|berita terkait|baca berita|baca artikel|simak berita|simak video|simak)\s*[:：\-–—|»>]+\s*\S"),
    R("read-also", "line", r"^(baca juga|simak juga|lihat juga|tonton juga)\b"),
    R("read-also", "line", r"^baca selengkapnya\b"),
    # "Saksikan Video Berikut Ini:" introduces an embedded video, whose title comes next.
    R("video", "lead-in", r"^(saksikan|tonton|simak|lihat) (juga )?(video|live streaming|siaran|tayangan)\b.{0,80}$"),
    R("video", "line", r"^\d{1,2}:\d{2}(:\d{2})?$"),
    R("video", "line", r"^video (pilihan|terkait|terpopuler|terkini|rekomendasi|unggulan|editor)\b.{0,40}$"),
    R("video", "line", r"^(play|putar) video\b"),
    R("advertisement", "line", r"^(advertisement|advertising|advertorial|iklan|sponsored|scroll (to|untuk|ke bawah) .*|gulir (ke bawah|untuk) .*|lanjutkan membaca.*|close ads?|tutup iklan|ads by .*|konten berbayar|content by .*)\W*$"),
    R("pagination", "line", r"^(halaman|hal\.?|page)\s*[:：]?\s*(\d+\s*)*(selanjutnya|berikutnya|next|»|>)?\s*$"),
    R("pagination", "line", r"^(\d+\s+){1,}\d+\s*(selanjutnya|berikutnya|next|»|>)?\s*$"),
    R("pagination", "line", r"^(selanjutnya|sebelumnya|berikutnya|halaman selanjutnya|halaman berikutnya|next|previous|lihat semua|tampilkan semua|muat lebih banyak|load more)\W*$"),
    R("timestamp", "line", r"^(\d+|beberapa|se)\s*(detik|menit|jam|hari|minggu|pekan|bulan|tahun)\s*(yang )?lalu\W*$"),
    R("timestamp", "line", r"^(diperbarui|diperbaharui|update|updated|terbit|dipublikasikan|diterbitkan)\b.{0,60}$"),
    R("share", "line", r"^(bagikan|share|bagikan artikel( ini)?|share (this )?(artikel|article|berita)|salin tautan|salin link|copy link|tautan disalin|link tersalin|kirim|cetak|print|simpan|bookmark)\W*$"),
    R("share", "line", r"^(facebook|twitter|whatsapp|telegram|line|linkedin|email|e-mail|pinterest|x|instagram|tiktok|youtube|copy|salin)(\W+(facebook|twitter|whatsapp|telegram|line|linkedin|email|e-mail|pinterest|x|instagram|tiktok|youtube|copy|salin))*\W*$"),
    R("login", "line", r"^(masuk|login|log in|daftar|register|sign in|sign up|keluar|logout)(\s*(/|atau|dan|\|)\s*(masuk|login|log in|daftar|register|sign up))?\W*$"),
    R("login", "line", r"^(masuk|login|log in|daftar|sign in|sign up) (untuk|to|sekarang|now|dengan akun|dengan email|gratis)\b.{0,60}$"),
    R("login", "line", r"^(silakan|silahkan) (masuk|login|daftar)\b"),
    R("subscription", "line", r"\b(dapatkan|download|unduh|install|pasang) (update|info|informasi|berita|notifikasi|aplikasi\w*|app)\b"),
    R("subscription", "line", r"\b(bergabung|gabung|join|ikuti|follow) (di |ke |dengan )?(grup|group|kanal|channel|saluran|akun|kami|media sosial)\b"),
    # The words alone also serve the body ("langganan banjir", "notifikasi resmi", "diunduh di Play Store"):
    # a prompt says them to the reader (a call to action) or stands as a short menu item.
    # These words also serve the body ("langganan banjir", "notifikasi resmi", "diunduh di Play Store"):
    # the cleaner takes a longer line for a prompt only when it calls to action (CALL_TO_ACTION below).
    R("subscription", "line", r"\b(langganan|berlangganan|subscribe|newsletter|buletin|notifikasi)\b.{0,120}$"),
    R("subscription", "line", r"\b(google news|google play|play store|app store|whatsapp channel)\b"),
    R("subscription", "line", r"^(?=.{0,200}$).*\b(ikuti|follow|gabung|bergabung|join|simak|pantau)\b.{0,60}\b(kanal|saluran|channel|grup|group|akun|whatsapp|telegram|instagram|tiktok|youtube|twitter|facebook)\b"),
    R("syndication", "line", r"^(artikel|berita|tulisan) ini (telah|sudah) (tayang|terbit|dimuat|diterbitkan) (di|pada)\b"),
    R("subscription", "line", r"^(klik|tap|ketuk) (di ?sini|link|tautan|tombol)\b"),
    R("caption", "line", r"\((foto|dok|dokumentasi|ilustrasi|sumber foto|photo|image|gambar|istimewa|net|shutterstock|getty)\b[^)]*\)\s*\W*$"),
    R("caption", "line", r"^(foto|ilustrasi|dok\.?|dokumentasi|gambar|photo|image|infografis|grafis)\s*(:|：|\s[-–—|])\s.{0,200}$"),
    # A photo credit closing a caption: "(ANTARA FOTO/Nama)", "(KOMPAS.com/Nama)", "(Dok. Humas/Nama)".
    # Both parts are names, without digits: "(17/10)" and "(20/10/2025)" are dates.  The photographer's
    # name is capitalised: "(rah/rah)", "(Adji/tri)" closing a paragraph are the editors' initials.  A
    # period after the parenthesis ("... provinsi (UMK/UMP).") ends a sentence of the body, which a
    # caption credit never does.
    R("caption", "line", r"\((?:[^()/\d]{2,40})/\s?(?=[^()]*(?-i:[A-Z]))[^()/\d]{2,40}\)\s*$"),
    R("tags", "line", r"^(tag|tags|topik|topic|kata kunci|keywords?|label|kategori|category|categories|filed under|posted in|diposting di)\s*[:：]"),
    # "Ã©" is "é" decoded as cp1252 (EugÃ©nie), not a copyright sign.
    R("copyright", "line", r"(©(?<!Ã©)|\(c\)\s*\d{4}|copyright|hak cipta|all rights reserved|dilindungi undang-undang)"),
    R("editor-credit", "line", r"^(editor|penyunting|redaktur|pewarta|editor bahasa|sumber|source)\s*[:：]\s*.{0,80}$"),
    R("editor-credit", "line", r"^\((\w{2,4}/)+\w{1,5}\)$|^\(\w{2,5}\)$"),
    R("editor-credit", "line", r"^(editor|penyunting|redaktur|pewarta)$"),
    # Blocks of other stories and the comment section.
    R("related-headlines", "related", r"^(terkini|berita terkini|terkini lainnya|berita lainnya|berita terkait|artikel terkait|artikel lainnya|rekomendasi|rekomendasi untuk (anda|kamu)|pilihan untukmu|pilihan editor|pilihan redaksi|terpopuler|populer|paling populer|berita populer|most popular|trending|topik pilihan|topik terkait|hot topic|lihat juga|simak juga|baca juga|jangan lewatkan|berita utama|headline|lainnya di .{1,30}|more stories|related|latest news|berita pilihan|news update|artikel pilihan|berita rekomendasi|baca berita lainnya|lihat berita lainnya|indeks berita)\W*$"),
    # Headers built from the usual words of such blocks ("Terpopuler Minggu Ini", "Pilihan Editor Hari Ini",
    # "Editor's Pick", "Konten Sponsor"): short, unpunctuated, led by a block word.
    R("related-headlines", "related", r"^(terpopuler|populer|terkini|terbaru|rekomendasi|pilihan|trending|sorotan|editor'?s picks?|konten (sponsor|pilihan|terkait|promosi)|sponsored|berita (lainnya|terkait|pilihan|populer|terpopuler|rekomendasi|menarik|lain)|artikel (lainnya|terkait|pilihan|menarik)|paling banyak dibaca|banyak dibaca|(yang )?(paling )?banyak (dibaca|dikomentari)|baca (juga )?berita lain(nya)?|most (read|popular|viewed))\b[^.!?,]{0,40}$"),
    R("comments", "comments", r"^(\d+\s*)?(komentar|comments?|tanggapan)(\s*\(\d+\))?\W*$"),
    R("comments", "comments", r"^(tulis|kirim|beri|berikan|tambahkan|lihat|tampilkan|baca) (semua )?(komentar|tanggapan)\b.{0,40}$"),
    R("comments", "comments", r"^(tanggapan|komentar|suara) pembaca\W*$"),
    R("comments", "comments", r"^(pedoman|aturan|ketentuan|kebijakan) (komentar|berkomentar)\b"),
    R("comments", "comments", r"^(komentar (pembaca|anda|kamu|terbaru|terpopuler)|leave a (comment|reply)|(login|masuk) untuk (berkomentar|komentar|memberi komentar)|disqus)\b.{0,60}$"),
)

# Lines that label the line above or below as a byline.
BYLINE_LABELS: tuple[str, ...] = ("penulis", "reporter", "oleh", "wartawan", "kontributor", "author", "by", "ditulis oleh",
                                  "pewarta", "jurnalis", "koresponden", "laporan", "rep")
# Labels of people who are not authors (their names must not become authors).
NON_AUTHOR_LABELS: tuple[str, ...] = ("editor", "penyunting", "redaktur", "editor bahasa", "fotografer", "foto", "video", "produser",
                                      "red", "ilustrasi", "grafis", "penerjemah")
# A sentence opening with these announces the list, table, lyrics or Q&A that follows it
# ("Berikut daftar tarifnya.", "Inilah liriknya:"), whatever its final punctuation.
LIST_OPENERS: tuple[str, ...] = ("berikut", "berikut ini", "inilah", "ini dia")
# Words of a prompt addressing the reader.  A subscription pattern removes a line of more than six
# words only if one of these is in it: a prompt asks the reader to act, a body sentence that names
# an app store or a notification reports.
CALL_TO_ACTION: tuple[str, ...] = (
    "dapatkan", "unduh", "download", "install", "instal", "pasang", "ikuti", "follow", "gabung", "bergabung", "join",
    "klik", "tap", "ketuk", "kunjungi", "yuk", "ayo", "mari", "silakan", "silahkan", "aktifkan", "nyalakan",
    "berlangganan", "subscribe", "daftar", "daftarkan",
)
