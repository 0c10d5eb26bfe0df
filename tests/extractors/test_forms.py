"""The literal-form matcher: longest forms win, overlaps keep the longer span, and the
two-character prefilter passes over positions without skipping a one-character form."""

from extractors.entities.forms import Forms, Hit, is_latin, longest


def _forms() -> Forms:
    return Forms({"Ha Noi": "HAN", "Ha Long": "HLG", "Hai": "HAI", "日": "JPN", "日本": "JPN2", "X": "XX"},
                 ignore_case=lambda f: " " in f and is_latin(f[0]))


def test_longest_keeps_longer_and_earlier_spans():
    spans = [Hit(0, 3, "a", "abc"), Hit(2, 8, "b", "cdefgh"), Hit(8, 10, "c", "ij"),
             Hit(9, 12, "d", "jkl"), Hit(12, 13, "e", "m")]
    assert [h.value for h in longest(spans)] == ["b", "d", "e"]  # a and c overlap longer ones


def test_forms_find_longest_first():
    text = "From ha noi to Ha Long, not Hanoi; 日本 and 日 and X."
    hits = _forms().find(text)
    assert [(text[h.start:h.end], h.value) for h in hits] == [
        ("ha noi", "HAN"), ("Ha Long", "HLG"), ("日本", "JPN2"), ("日", "JPN"), ("X", "XX")]
