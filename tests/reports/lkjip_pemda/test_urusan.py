from reports.lkjip_pemda.urusan import SUPPORT, UNKNOWN, sort_key, urusan_name, urusan_of


def test_the_urusan_is_read_off_a_permendagri_90_program_code():
    assert urusan_of("2.17.02") == "2.17"
    assert urusan_of("1.02.03.2.01") == "1.02"
    assert urusan_of("x.xx.01") == SUPPORT
    assert urusan_name("2.17") == "Koperasi, Usaha Kecil, dan Menengah"


def test_a_code_of_another_scheme_has_no_urusan_and_is_never_guessed():
    for code in ("1.2.11.1.2.11.01.01", "P1", "", "2.1.02", "9.01.01"):
        assert urusan_of(code) == UNKNOWN
    assert urusan_name(UNKNOWN).startswith("Program tanpa kode urusan")
    assert sorted(["", "X.XX", "2.17", "1.01"], key=sort_key) == ["1.01", "2.17", "X.XX", ""]
