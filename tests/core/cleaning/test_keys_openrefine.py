"""fingerprint / ngram_fingerprint give OpenRefine's keys: the cases are OpenRefine's own
(main/tests/server/src/com/google/refine/clustering/binning/FingerprintKeyerTests.java and
NGramFingerprintKeyerTest.java)."""

import pytest

from app.core.cleaning.keys import fingerprint, ngram_fingerprint

OPENREFINE_FINGERPRINT = [
    ("the multi multi word test", "multi test the word"),
    (" école ÉCole ecoLe ", "ecole"),
    ("a b c d", "a b c d"),
    (" d c b a ", "a b c d"),
    ("\tABC \t DEF ", "abc def"),
    ("bbb\taaa", "aaa bbb"),
    ("æø", "aeoe"),
    ("©ß", "css"),
    ("\u00D0\u00F0\u00DE\u00FEǷƿ", "ddththww"),
    ("ﬀﬁﬂﬃﬅﬆ", "fffiflffistst"),
    ("\u00C0\u00C1\u00C2\u00C3\u00C4\u00C5\u00E0\u00E1\u00E2\u00E3\u00E4\u00E5\u0100\u0101\u0102"
     "\u0103\u0104\u0105", "aaaaaaaaaaaaaaaaaa"),
    ("\u00C7\u00E7\u0106\u0107\u0108\u0109\u010A\u010B\u010C\u010D", "cccccccccc"),
    ("\u00D0\u00F0\u010E\u010F\u0110\u0111", "dddddd"),
    ("\u0126\u0127", "hh"),
    ("\u0131", "i"),
    ("\u0138", "k"),
    ("\u0139\u013A\u013B\u013C\u013D\u013E\u0141\u0142", "llllllll"),
    ("\u013F\u0140", "ll"),
    ("\u0149", "n"),
    ("\u014A\u014B", "nn"),
    ("\u00D8\u00F8", "oeoe"),
    ("\u015A\u015B\u015C\u015D\u015E\u015F\u0160\u0161\u017F", "sssssssss"),
    ("\u0162\u0163\u0164\u0165\u0166\u0167", "tttttt"),
    ("a\u0009\nb\u000Bc\u000Cd\re\u0085f\u00A0g\u1680h\u2000i\u2001j\u2002k\u2003l\u2004m"
     "\u2005n\u2006o\u2007p\u2008q\u2009r\u200As\u2028t\u2029u\u202Fv\u205Fw\u3000z",
     "a b c d e f g h i j k l m n o p q r s t u v w z"),
    ("ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿ",
     "aaaaaaaeceeeeiiiidnooooooeuuuuythssaaaaaaaeceeeeiiiidnooooooeuuuuythy"),
    ("ĀāĂăĄąĆćĈĉĊċČčĎďĐđĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĦħĨĩĪīĬĭĮįİıĲĳĴĵĶķĸĹĺĻļĽľĿŀŁłŃńŅņŇňŉŊŋŌōŎŏŐőŒœŔŕŖŗŘř"
     "ŚśŜŝŞşŠšŢţŤťŦŧŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžſ",
     "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiijijjjkkkllllllllllnnnnnnnnnooooooo"
     "eoerrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs"),
    ("ḀḁḂḃḄḅḆḇḈḉḊḋḌḍḎḏḐḑḒḓḔḕḖḗḘḙḚḛḜḝḞḟḠḡḢḣḤḥḦḧḨḩḪḫḬḭḮḯḰḱḲḳḴḵḶḷḸḹḺḻḼḽḾḿṀṁṂṃṄṅṆṇṈṉṊṋṌṍṎṏṐṑṒṓṔṕṖṗ",
     "aabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmmmmmmnnnnnnnnoooooooopppp"),
    ("ẖẗẘẙẚẛẜẝẞẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệ",
     "htwyasssssaaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeee"),
    ("", ""),
]


@pytest.mark.parametrize(("text", "key"), OPENREFINE_FINGERPRINT)
def test_fingerprint_matches_openrefine(text, key):
    assert fingerprint(text) == key


@pytest.mark.parametrize(("text", "n", "key"), [
    ("hello", 1, "ehlo"),
    ("he!llo,. world", 1, "dehlorw"),
    ("\u0001a, !b-c_d\u00a0d\tz\u0003", 3, "abcbcdcddddz"),
])
def test_ngram_fingerprint_matches_openrefine(text, n, key):
    assert ngram_fingerprint(text, n) == key


def test_variants_a_user_would_cluster_share_a_key():
    assert fingerprint("Hill Trading Co., Ltd.") == fingerprint("hill trading co ltd") == (
        "co hill ltd trading")
    assert ngram_fingerprint("Guangzhou") == ngram_fingerprint("guang zhou")
    assert ngram_fingerprint("a") == ""
    assert fingerprint("广州 美佳") == "广州 美佳"  # other scripts kept as they are
