"""Frequent Indonesian function words (language id, cohesion scores)."""

STOP_WORDS = frozenset(
    """
    ada adalah agar akan akhirnya aku anda antara apa apabila atas atau bagaimana bagi bahkan bahwa
    banyak baru beberapa belum berada bersama beliau besar bisa boleh bukan cukup dalam dan dapat dari
    daripada demikian dengan di dia dilakukan ditemukan dua guna hal hampir hanya harus hingga ia ialah
    ini itu jadi jika juga kalau kami kamu kan karena kata ke kedua kembali kemudian kepada ketika
    kini kita lagi lain lalu lama lebih maka mana masih masing melalui memang membuat menjadi menurut
    mereka merupakan meski milik mulai namun nya oleh pada padahal para pernah pun saat saja salah
    sama sampai sangat satu saya sebagai sebelum sebuah secara sedang sehingga sejak sekarang selain
    selama seluruh semua sendiri seperti serta sesuai setelah sudah tak tapi telah tentang terhadap
    termasuk tersebut tetapi tidak tiga untuk usai waktu yaitu yakni yang
    """.split()
)
