-- A store written by the first release (issue 4 schema, before Alembic): 3 articles with annotations in articles.extra.
CREATE TABLE articles (
	id VARCHAR(16) NOT NULL, 
	source TEXT NOT NULL, 
	format VARCHAR(8) NOT NULL, 
	language VARCHAR(8), 
	url TEXT, 
	title TEXT, 
	outlet VARCHAR(200), 
	published VARCHAR(32), 
	published_basis VARCHAR(8), 
	authors JSON NOT NULL, 
	dateline VARCHAR(200), 
	wire_sources JSON NOT NULL, 
	duplicate_of VARCHAR(16), 
	event VARCHAR(32), 
	story VARCHAR(32), 
	extra JSON NOT NULL, 
	created_at DATETIME DEFAULT CURRENT_TIMESTAMP, 
	PRIMARY KEY (id)
);
CREATE INDEX ix_articles_outlet ON articles (outlet);
CREATE INDEX ix_articles_published ON articles (published);
CREATE INDEX ix_articles_event ON articles (event);
CREATE INDEX ix_articles_story ON articles (story);
CREATE TABLE events (
	id VARCHAR(32) NOT NULL, 
	story VARCHAR(32), 
	title TEXT, 
	start VARCHAR(32), 
	"end" VARCHAR(32), 
	n_articles INTEGER NOT NULL, 
	outlets JSON NOT NULL, 
	entities JSON NOT NULL, 
	summary JSON NOT NULL, 
	timeline JSON NOT NULL, 
	PRIMARY KEY (id)
);
CREATE INDEX ix_events_start ON events (start);
CREATE INDEX ix_events_story ON events (story);
CREATE TABLE stories (
	id VARCHAR(32) NOT NULL, 
	title TEXT, 
	start VARCHAR(32), 
	"end" VARCHAR(32), 
	n_events INTEGER NOT NULL, 
	n_articles INTEGER NOT NULL, 
	events JSON NOT NULL, 
	timeline JSON NOT NULL, 
	PRIMARY KEY (id)
);
CREATE INDEX ix_stories_start ON stories (start);
CREATE TABLE corpus_state (
	name VARCHAR(32) NOT NULL, 
	data BLOB NOT NULL, 
	articles INTEGER NOT NULL, 
	updated_at DATETIME DEFAULT CURRENT_TIMESTAMP, 
	PRIMARY KEY (name)
);
CREATE TABLE documents (
	content_hash VARCHAR(32) NOT NULL, 
	source TEXT NOT NULL, 
	format VARCHAR(8), 
	encoding VARCHAR(16), 
	article_id VARCHAR(16), 
	status VARCHAR(8) NOT NULL, 
	reason VARCHAR(64), 
	detail TEXT, 
	ingested_at DATETIME DEFAULT CURRENT_TIMESTAMP, 
	PRIMARY KEY (content_hash), 
	FOREIGN KEY(article_id) REFERENCES articles (id)
);
CREATE INDEX ix_documents_article_id ON documents (article_id);
CREATE TABLE paragraphs (
	article_id VARCHAR(16) NOT NULL, 
	idx INTEGER NOT NULL, 
	text TEXT NOT NULL, 
	PRIMARY KEY (article_id, idx), 
	FOREIGN KEY(article_id) REFERENCES articles (id) ON DELETE CASCADE
);
CREATE TABLE removed (
	article_id VARCHAR(16) NOT NULL, 
	idx INTEGER NOT NULL, 
	text TEXT NOT NULL, 
	reason VARCHAR(64) NOT NULL, 
	PRIMARY KEY (article_id, idx), 
	FOREIGN KEY(article_id) REFERENCES articles (id) ON DELETE CASCADE
);
CREATE TABLE features (
	article_id VARCHAR(16) NOT NULL, 
	data BLOB NOT NULL, 
	PRIMARY KEY (article_id), 
	FOREIGN KEY(article_id) REFERENCES articles (id) ON DELETE CASCADE
);
CREATE VIRTUAL TABLE articles_fts USING fts5(article_id UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO articles ("id", "source", "format", "language", "url", "title", "outlet", "published", "published_basis", "authors", "dateline", "wire_sources", "duplicate_of", "event", "story", "extra", "created_at") VALUES ('790c58fb0e395918', 'examples/corpus/exports/export.csv#2', 'csv', 'id', 'https://suaratimur.id/sulsel/2021/10/13/sopir-truk-makassar-ikut-mogok', 'Sopir Truk di Makassar Ikut Mogok, Pasokan ke Kabupaten Terganggu', 'SuaraTimur.id', '2021-10-13T11:45:00+08:00', 'page', '[]', 'Makassar', '[]', NULL, 'ev-dada1c912086', 'st-bbad167b47e3', '{"entities": [{"text": "Makassar", "label": "LOC", "canonical": "Makassar", "paragraph": 0, "start": 15, "end": 23, "role": null}, {"text": "Makassar", "label": "LOC", "canonical": "Makassar", "paragraph": 0, "start": 47, "end": 55, "role": null}, {"text": "Pelabuhan Soekarno-Hatta", "label": "LOC", "canonical": "Pelabuhan Soekarno-Hatta", "paragraph": 1, "start": 30, "end": 54, "role": null}, {"text": "Jalan Ir. Sutami", "label": "LOC", "canonical": "Jalan Ir. Sutami", "paragraph": 1, "start": 59, "end": 75, "role": null}, {"text": "APABI", "label": "ORG", "canonical": "APABI", "paragraph": 2, "start": 12, "end": 17, "role": null}, {"text": "Sulawesi Selatan", "label": "LOC", "canonical": "Sulawesi Selatan", "paragraph": 2, "start": 18, "end": 34, "role": null}, {"text": "Syamsul Bahri", "label": "PER", "canonical": "Syamsul Bahri", "paragraph": 2, "start": 36, "end": 49, "role": "Koordinator APABI Sulawesi Selatan"}, {"text": "Syamsul", "label": "PER", "canonical": "Syamsul Bahri", "paragraph": 3, "start": 105, "end": 112, "role": null}, {"text": "Maros", "label": "LOC", "canonical": "Maros", "paragraph": 4, "start": 78, "end": 83, "role": null}, {"text": "Pangkep", "label": "PER", "canonical": "Pangkep", "paragraph": 4, "start": 89, "end": 96, "role": null}, {"text": "Dinas Perdagangan", "label": "ORG", "canonical": "Dinas Perdagangan", "paragraph": 5, "start": 7, "end": 24, "role": null}, {"text": "Sulawesi Selatan", "label": "LOC", "canonical": "Sulawesi Selatan", "paragraph": 5, "start": 25, "end": 41, "role": null}, {"text": "Andi Nurhayati", "label": "PER", "canonical": "Andi Nurhayati", "paragraph": 5, "start": 43, "end": 57, "role": "Kepala Dinas Perdagangan Sulawesi Selatan"}], "quotes": [{"text": "Kami ini ujung tombak distribusi. Kalau solar naik dan ongkos tidak naik, yang pertama kena kami", "speaker": "Syamsul Bahri", "speaker_text": "Syamsul", "paragraph": 3, "direct": true}, {"text": "Stok bahan pokok di gudang distributor cukup untuk dua pekan", "speaker": "Andi Nurhayati", "speaker_text": "-nya", "paragraph": 6, "direct": true}], "times": [{"text": "Rabu (13/10/2021)", "value": "2021-10-13", "type": "DATE", "paragraph": 0, "start": 131, "end": 148}, {"text": "dua pekan", "value": "P2W", "type": "DURATION", "paragraph": 6, "start": 52, "end": 61}]}', '2026-11-22 00:24:00');
INSERT INTO articles ("id", "source", "format", "language", "url", "title", "outlet", "published", "published_basis", "authors", "dateline", "wire_sources", "duplicate_of", "event", "story", "extra", "created_at") VALUES ('9190c29df443ac38', 'examples/corpus/html/gemapertiwi-rusia-as-jenewa.html', 'html', 'id', 'https://gemapertiwi.net/internasional/rusia-dan-as-umumkan-delegasi-dialog-jenewa', 'Rusia dan AS Umumkan Delegasi untuk Dialog Jenewa', 'GemaPertiwi.net', '2022-01-02T19:30:00+07:00', 'page', '["Wulan Sari"]', 'Jakarta', '["PWS"]', NULL, 'ev-16f1d8bba938', 'st-7fbd952e6a48', '{"entities": [{"text": "Jakarta", "label": "LOC", "canonical": "Jakarta", "paragraph": 0, "start": 17, "end": 24, "role": null}, {"text": "Rusia", "label": "LOC", "canonical": "Rusia", "paragraph": 0, "start": 28, "end": 33, "role": null}, {"text": "Amerika Serikat", "label": "LOC", "canonical": "Amerika Serikat", "paragraph": 0, "start": 38, "end": 53, "role": null}, {"text": "Jenewa", "label": "LOC", "canonical": "Jenewa", "paragraph": 0, "start": 140, "end": 146, "role": null}, {"text": "Swiss", "label": "LOC", "canonical": "Swiss", "paragraph": 0, "start": 148, "end": 153, "role": null}, {"text": "Rusia", "label": "LOC", "canonical": "Rusia", "paragraph": 1, "start": 9, "end": 14, "role": null}, {"text": "Igor Shelestov", "label": "PER", "canonical": "Igor Shelestov", "paragraph": 1, "start": 50, "end": 64, "role": "Wakil Menteri Luar Negeri"}, {"text": "AS", "label": "LOC", "canonical": "Amerika Serikat", "paragraph": 1, "start": 85, "end": 87, "role": null}, {"text": "Rebecca Thornton", "label": "PER", "canonical": "Rebecca Thornton", "paragraph": 1, "start": 123, "end": 139, "role": "Wakil Menteri Luar Negeri"}, {"text": "Misi Permanen AS", "label": "LOC", "canonical": "Misi Permanen AS", "paragraph": 2, "start": 38, "end": 54, "role": null}, {"text": "PBB", "label": "ORG", "canonical": "Perserikatan Bangsa-Bangsa", "paragraph": 2, "start": 61, "end": 64, "role": null}, {"text": "Jenewa", "label": "LOC", "canonical": "Jenewa", "paragraph": 2, "start": 68, "end": 74, "role": null}, {"text": "Amerika", "label": "LOC", "canonical": "Amerika Serikat", "paragraph": 3, "start": 21, "end": 28, "role": null}, {"text": "Shelestov", "label": "PER", "canonical": "Igor Shelestov", "paragraph": 3, "start": 103, "end": 112, "role": null}, {"text": "Washington", "label": "LOC", "canonical": "Washington", "paragraph": 4, "start": 46, "end": 56, "role": null}, {"text": "Moskwa", "label": "PER", "canonical": "Moskwa", "paragraph": 4, "start": 97, "end": 103, "role": null}, {"text": "Thornton", "label": "PER", "canonical": "Rebecca Thornton", "paragraph": 5, "start": 34, "end": 42, "role": null}, {"text": "Jenewa", "label": "LOC", "canonical": "Jenewa", "paragraph": 6, "start": 10, "end": 16, "role": null}, {"text": "Rusia", "label": "LOC", "canonical": "Rusia", "paragraph": 6, "start": 66, "end": 71, "role": null}, {"text": "Arkady Volkonsky", "label": "PER", "canonical": "Arkady Volkonsky", "paragraph": 6, "start": 72, "end": 88, "role": "Menlu Rusia"}, {"text": "AS", "label": "LOC", "canonical": "Amerika Serikat", "paragraph": 6, "start": 99, "end": 101, "role": null}, {"text": "Margaret Ellison", "label": "PER", "canonical": "Margaret Ellison", "paragraph": 6, "start": 102, "end": 118, "role": "Menlu AS"}, {"text": "Pemerintah Swiss", "label": "ORG", "canonical": "Pemerintah Swiss", "paragraph": 7, "start": 0, "end": 16, "role": null}], "quotes": [{"text": "Kami berharap mitra Amerika datang dengan proposal yang konkret, bukan sekadar daftar tuntutan", "speaker": "Igor Shelestov", "speaker_text": "Shelestov", "paragraph": 3, "direct": true}, {"text": "Tidak ada topik yang tabu", "speaker": "Rebecca Thornton", "speaker_text": "Thornton", "paragraph": 5, "direct": true}], "times": [{"text": "pekan depan", "value": "2022-W01", "type": "DATE", "paragraph": 0, "start": 155, "end": 166}, {"text": "9", "value": "2022-01-09", "type": "DATE", "paragraph": 2, "start": 80, "end": 81}, {"text": "10 Januari 2022", "value": "2022-01-10", "type": "DATE", "paragraph": 2, "start": 82, "end": 97}, {"text": "Minggu (2/1/2022)", "value": "2022-01-02", "type": "DATE", "paragraph": 3, "start": 135, "end": 152}, {"text": "Kamis (30/12/2021)", "value": "2021-12-30", "type": "DATE", "paragraph": 6, "start": 124, "end": 142}]}', '2026-11-22 00:24:00');
INSERT INTO articles ("id", "source", "format", "language", "url", "title", "outlet", "published", "published_basis", "authors", "dateline", "wire_sources", "duplicate_of", "event", "story", "extra", "created_at") VALUES ('e4da53d0abc96c89', 'examples/corpus/exports/export.csv#1', 'csv', 'id', 'https://kabarsenja.co/nasional/2022/04/14/knkt-air-bahan-bakar-nusa-angkasa', 'KNKT Temukan Air dalam Bahan Bakar, Ini Kata Nusa Angkasa Air', 'Kabar Senja', '2022-04-14T18:40:00+07:00', 'page', '[]', 'JAKARTA', '[]', NULL, 'ev-a8e936692aa2', 'st-cf7b1774fccc', '{"entities": [{"text": "JAKARTA", "label": "LOC", "canonical": "Jakarta", "paragraph": 0, "start": 15, "end": 22, "role": null}, {"text": "Maskapai Nusa Angkasa Air", "label": "ORG", "canonical": "Maskapai Nusa Angkasa Air", "paragraph": 0, "start": 25, "end": 50, "role": null}, {"text": "Nusa Angkasa Air", "label": "ORG", "canonical": "Nusa Angkasa Air", "paragraph": 1, "start": 15, "end": 31, "role": null}, {"text": "Bonar Sihombing", "label": "PER", "canonical": "Bonar Sihombing", "paragraph": 1, "start": 32, "end": 47, "role": "Direktur Utama Nusa Angkasa Air"}, {"text": "KNKT", "label": "ORG", "canonical": "KNKT", "paragraph": 1, "start": 146, "end": 150, "role": null}, {"text": "Jakarta", "label": "LOC", "canonical": "Jakarta", "paragraph": 2, "start": 163, "end": 170, "role": null}, {"text": "Bonar", "label": "PER", "canonical": "Bonar Sihombing", "paragraph": 3, "start": 0, "end": 5, "role": null}, {"text": "KNKT", "label": "ORG", "canonical": "KNKT", "paragraph": 4, "start": 23, "end": 27, "role": null}, {"text": "Kementerian Perhubungan Sugeng", "label": "ORG", "canonical": "Kementerian Perhubungan Sugeng", "paragraph": 5, "start": 36, "end": 66, "role": null}, {"text": "Prasetyo", "label": "PER", "canonical": "Prasetyo", "paragraph": 5, "start": 67, "end": 75, "role": "Direktur Jenderal Perhubungan Udara Kementerian Perhubungan Sugeng"}, {"text": "Sugeng", "label": "PER", "canonical": "Sugeng", "paragraph": 6, "start": 81, "end": 87, "role": null}], "quotes": [{"text": "Sejak hari pertama kami bekerja sama penuh dengan investigator. Kami sudah mengambil langkah-langkah pencegahan bahkan sebelum laporan ini keluar", "speaker": "Bonar Sihombing", "speaker_text": "Bonar", "paragraph": 2, "direct": true}, {"text": "seluruh armada turboprop maskapai telah menjalani pemeriksaan sistem bahan bakar sejak akhir Maret", "speaker": "Bonar Sihombing", "speaker_text": "Bonar", "paragraph": 3, "direct": false}, {"text": "Kami tidak mau kejadian serupa terulang. Audit akan dimulai pekan depan", "speaker": "Sugeng Prasetyo", "speaker_text": "Sugeng", "paragraph": 6, "direct": true}], "times": [{"text": "Kamis (14/4/2022) malam", "value": "2022-04-14TNI", "type": "TIME", "paragraph": 2, "start": 172, "end": 195}, {"text": "akhir Maret", "value": "2022-03", "type": "DATE", "paragraph": 3, "start": 106, "end": 117}, {"text": "pekan depan", "value": "2022-W16", "type": "DATE", "paragraph": 6, "start": 61, "end": 72}]}', '2026-11-22 00:24:00');
INSERT INTO paragraphs ("article_id", "idx", "text") VALUES ('790c58fb0e395918', 0, 'SuaraTimur.id, Makassar- Ratusan sopir truk di Makassar ikut menggelar aksi mogok menolak rencana kenaikan harga solar bersubsidi, Rabu (13/10/2021).');
INSERT INTO paragraphs ("article_id", "idx", "text") VALUES ('790c58fb0e395918', 1, 'Truk-truk diparkir di sekitar Pelabuhan Soekarno-Hatta dan Jalan Ir. Sutami sejak pagi.');
INSERT INTO paragraphs ("article_id", "idx", "text") VALUES ('790c58fb0e395918', 2, 'Koordinator APABI Sulawesi Selatan, Syamsul Bahri, mengatakan sekitar 800 sopir ikut dalam aksi tersebut.');
INSERT INTO paragraphs ("article_id", "idx", "text") VALUES ('790c58fb0e395918', 3, '"Kami ini ujung tombak distribusi. Kalau solar naik dan ongkos tidak naik, yang pertama kena kami," kata Syamsul.');
INSERT INTO paragraphs ("article_id", "idx", "text") VALUES ('790c58fb0e395918', 4, 'Aksi mogok berdampak pada pasokan barang ke sejumlah kabupaten, seperti Gowa, Maros, dan Pangkep.');
INSERT INTO paragraphs ("article_id", "idx", "text") VALUES ('790c58fb0e395918', 5, 'Kepala Dinas Perdagangan Sulawesi Selatan, Andi Nurhayati, meminta masyarakat tidak panik.');
INSERT INTO paragraphs ("article_id", "idx", "text") VALUES ('790c58fb0e395918', 6, '"Stok bahan pokok di gudang distributor cukup untuk dua pekan," ujarnya.');
INSERT INTO paragraphs ("article_id", "idx", "text") VALUES ('9190c29df443ac38', 0, 'gemapertiwi.net, Jakarta -- Rusia dan Amerika Serikat mengumumkan susunan delegasi yang akan berunding dalam dialog stabilitas strategis di Jenewa, Swiss, pekan depan.');
INSERT INTO paragraphs ("article_id", "idx", "text") VALUES ('9190c29df443ac38', 1, 'Delegasi Rusia dipimpin Wakil Menteri Luar Negeri Igor Shelestov, sedangkan delegasi AS dipimpin Wakil Menteri Luar Negeri Rebecca Thornton.');
INSERT INTO paragraphs ("article_id", "idx", "text") VALUES ('9190c29df443ac38', 2, 'Kedua delegasi dijadwalkan bertemu di Misi Permanen AS untuk PBB di Jenewa pada 9-10 Januari 2022.');
INSERT INTO paragraphs ("article_id", "idx", "text") VALUES ('9190c29df443ac38', 3, '"Kami berharap mitra Amerika datang dengan proposal yang konkret, bukan sekadar daftar tuntutan," kata Shelestov seperti dilansir PWS, Minggu (2/1/2022).');
INSERT INTO paragraphs ("article_id", "idx", "text") VALUES ('9190c29df443ac38', 4, 'Thornton, dalam pernyataan terpisah, menyebut Washington siap membahas seluruh isu yang diangkat Moskwa.');
INSERT INTO paragraphs ("article_id", "idx", "text") VALUES ('9190c29df443ac38', 5, '"Tidak ada topik yang tabu," ujar Thornton.');
INSERT INTO paragraphs ("article_id", "idx", "text") VALUES ('9190c29df443ac38', 6, 'Pertemuan Jenewa disepakati dalam percakapan telepon antara Menlu Rusia Arkady Volkonsky dan Menlu AS Margaret Ellison pada Kamis (30/12/2021).');
INSERT INTO paragraphs ("article_id", "idx", "text") VALUES ('9190c29df443ac38', 7, 'Pemerintah Swiss menyatakan telah menyiapkan pengamanan khusus di sekitar lokasi pertemuan.');
INSERT INTO paragraphs ("article_id", "idx", "text") VALUES ('e4da53d0abc96c89', 0, 'KABARSENJA.CO, JAKARTA - Maskapai Nusa Angkasa Air menyatakan menghormati temuan awal Komite Nasional Keselamatan Transportasi (KNKT) terkait kecelakaan pesawat NA-731.');
INSERT INTO paragraphs ("article_id", "idx", "text") VALUES ('e4da53d0abc96c89', 1, 'Direktur Utama Nusa Angkasa Air Bonar Sihombing mengatakan pihaknya telah menghentikan sementara pengisian bahan bakar dari tangki yang diperiksa KNKT.');
INSERT INTO paragraphs ("article_id", "idx", "text") VALUES ('e4da53d0abc96c89', 2, '"Sejak hari pertama kami bekerja sama penuh dengan investigator. Kami sudah mengambil langkah-langkah pencegahan bahkan sebelum laporan ini keluar," kata Bonar di Jakarta, Kamis (14/4/2022) malam.');
INSERT INTO paragraphs ("article_id", "idx", "text") VALUES ('e4da53d0abc96c89', 3, 'Bonar menambahkan, seluruh armada turboprop maskapai telah menjalani pemeriksaan sistem bahan bakar sejak akhir Maret.');
INSERT INTO paragraphs ("article_id", "idx", "text") VALUES ('e4da53d0abc96c89', 4, 'Dalam laporan awalnya, KNKT menyebut mesin kanan NA-731 kehilangan daya di ketinggian sekitar 17.000 kaki. Investigator juga menemukan indikasi kontaminasi air pada sampel bahan bakar.');
INSERT INTO paragraphs ("article_id", "idx", "text") VALUES ('e4da53d0abc96c89', 5, 'Direktur Jenderal Perhubungan Udara Kementerian Perhubungan Sugeng Prasetyo mengatakan pihaknya akan mengaudit seluruh penyedia bahan bakar di bandara-bandara yang melayani penerbangan turboprop.');
INSERT INTO paragraphs ("article_id", "idx", "text") VALUES ('e4da53d0abc96c89', 6, '"Kami tidak mau kejadian serupa terulang. Audit akan dimulai pekan depan," tegas Sugeng.');
INSERT INTO removed ("article_id", "idx", "text", "reason") VALUES ('790c58fb0e395918', 0, 'Saksikan Video Berikut Ini:', 'video');
INSERT INTO removed ("article_id", "idx", "text", "reason") VALUES ('9190c29df443ac38', 0, 'Baca Juga: Menlu Rusia dan AS Sepakat Gelar Dialog di Jenewa Januari Mendatang', 'read-also');
INSERT INTO removed ("article_id", "idx", "text", "reason") VALUES ('9190c29df443ac38', 1, 'Baca Juga: Parlemen Jepang Setujui Anggaran Pertahanan Terbesar Sepanjang Sejarah', 'read-also');
INSERT INTO removed ("article_id", "idx", "text", "reason") VALUES ('e4da53d0abc96c89', 0, 'Baca: Laporan Awal KNKT: Mesin Kanan NA-731 Kehilangan Daya Sebelum Jatuh', 'read-also');
INSERT INTO documents ("content_hash", "source", "format", "encoding", "article_id", "status", "reason", "detail", "ingested_at") VALUES ('de2e720edc5c5a22718880f904f0f0a9', 'examples/corpus/exports/export.csv#2', 'csv', 'utf-8', '790c58fb0e395918', 'ok', NULL, NULL, '2026-11-22 00:24:00');
INSERT INTO documents ("content_hash", "source", "format", "encoding", "article_id", "status", "reason", "detail", "ingested_at") VALUES ('b94dfbae726ab886c22d15b5b6c2aed1', 'examples/corpus/html/gemapertiwi-rusia-as-jenewa.html', 'html', 'utf-8', '9190c29df443ac38', 'ok', NULL, NULL, '2026-11-22 00:24:00');
INSERT INTO documents ("content_hash", "source", "format", "encoding", "article_id", "status", "reason", "detail", "ingested_at") VALUES ('6187232ec6bc285ceda003e1c44da60f', 'examples/corpus/exports/export.csv#1', 'csv', 'utf-8', 'e4da53d0abc96c89', 'ok', NULL, NULL, '2026-11-22 00:24:00');
INSERT INTO articles_fts (article_id, title, body) VALUES ('e4da53d0abc96c89', 'KNKT Temukan Air dalam Bahan Bakar, Ini Kata Nusa Angkasa Air', 'KABARSENJA.CO, JAKARTA - Maskapai Nusa Angkasa Air menyatakan menghormati temuan awal Komite Nasional Keselamatan Transportasi (KNKT) terkait kecelakaan pesawat NA-731.
Direktur Utama Nusa Angkasa Air Bonar Sihombing mengatakan pihaknya telah menghentikan sementara pengisian bahan bakar dari tangki yang diperiksa KNKT.
"Sejak hari pertama kami bekerja sama penuh dengan investigator. Kami sudah mengambil langkah-langkah pencegahan bahkan sebelum laporan ini keluar," kata Bonar di Jakarta, Kamis (14/4/2022) malam.
Bonar menambahkan, seluruh armada turboprop maskapai telah menjalani pemeriksaan sistem bahan bakar sejak akhir Maret.
Dalam laporan awalnya, KNKT menyebut mesin kanan NA-731 kehilangan daya di ketinggian sekitar 17.000 kaki. Investigator juga menemukan indikasi kontaminasi air pada sampel bahan bakar.
Direktur Jenderal Perhubungan Udara Kementerian Perhubungan Sugeng Prasetyo mengatakan pihaknya akan mengaudit seluruh penyedia bahan bakar di bandara-bandara yang melayani penerbangan turboprop.
"Kami tidak mau kejadian serupa terulang. Audit akan dimulai pekan depan," tegas Sugeng.');
INSERT INTO articles_fts (article_id, title, body) VALUES ('790c58fb0e395918', 'Sopir Truk di Makassar Ikut Mogok, Pasokan ke Kabupaten Terganggu', 'SuaraTimur.id, Makassar- Ratusan sopir truk di Makassar ikut menggelar aksi mogok menolak rencana kenaikan harga solar bersubsidi, Rabu (13/10/2021).
Truk-truk diparkir di sekitar Pelabuhan Soekarno-Hatta dan Jalan Ir. Sutami sejak pagi.
Koordinator APABI Sulawesi Selatan, Syamsul Bahri, mengatakan sekitar 800 sopir ikut dalam aksi tersebut.
"Kami ini ujung tombak distribusi. Kalau solar naik dan ongkos tidak naik, yang pertama kena kami," kata Syamsul.
Aksi mogok berdampak pada pasokan barang ke sejumlah kabupaten, seperti Gowa, Maros, dan Pangkep.
Kepala Dinas Perdagangan Sulawesi Selatan, Andi Nurhayati, meminta masyarakat tidak panik.
"Stok bahan pokok di gudang distributor cukup untuk dua pekan," ujarnya.');
INSERT INTO articles_fts (article_id, title, body) VALUES ('9190c29df443ac38', 'Rusia dan AS Umumkan Delegasi untuk Dialog Jenewa', 'gemapertiwi.net, Jakarta -- Rusia dan Amerika Serikat mengumumkan susunan delegasi yang akan berunding dalam dialog stabilitas strategis di Jenewa, Swiss, pekan depan.
Delegasi Rusia dipimpin Wakil Menteri Luar Negeri Igor Shelestov, sedangkan delegasi AS dipimpin Wakil Menteri Luar Negeri Rebecca Thornton.
Kedua delegasi dijadwalkan bertemu di Misi Permanen AS untuk PBB di Jenewa pada 9-10 Januari 2022.
"Kami berharap mitra Amerika datang dengan proposal yang konkret, bukan sekadar daftar tuntutan," kata Shelestov seperti dilansir PWS, Minggu (2/1/2022).
Thornton, dalam pernyataan terpisah, menyebut Washington siap membahas seluruh isu yang diangkat Moskwa.
"Tidak ada topik yang tabu," ujar Thornton.
Pertemuan Jenewa disepakati dalam percakapan telepon antara Menlu Rusia Arkady Volkonsky dan Menlu AS Margaret Ellison pada Kamis (30/12/2021).
Pemerintah Swiss menyatakan telah menyiapkan pengamanan khusus di sekitar lokasi pertemuan.');
