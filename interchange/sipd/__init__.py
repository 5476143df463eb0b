"""Import of SIPD budget exports (pagu murni / perubahan and realisasi per sub kegiatan): parse.py reads the file
(pure), reading.py compares it with the database, applying.py writes it, sample.py makes a realistic export."""
