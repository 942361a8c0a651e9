"""generator/search/merge.py on its own: the word index's encoding, read and written back.
Shards merged against Pagefind's own single run: tests/search/test_indexer.py."""

from __future__ import annotations

from generator.search.merge import _decode, _encode, _encode_word, _read_chunk


def test_the_word_index_merge_reads_and_writes_numbers_of_any_size():
    """Page numbers, gaps, locations and weights of any size (one to five bytes of CBOR), metadata
    fields renumbered, diacritic variants: what two shards' chunks hold comes out in one."""
    def chunk(words):  # [word, [[page, locs, meta_locs]...], variants], pages absolute
        def delta(pages):
            out, last = [], 0
            for number, locs, meta in pages:
                out.append([number - last, locs, meta])
                last = number
            return out
        return _encode([[[word, delta(pages), [[form, delta(vpages)] for form, vpages in variants]]
                         for word, pages, variants in words]])

    one = [["missile", [[0, [1], []], [23, [-25, 300, 2], [-1, 0]], [24, [70000], []], [300, [5, 6], [-2, 4, 1]]],
            []],
           ["cafe", [[2, [9], []]], [["café", [[5, [3], [-1, 0]], [90, [4], []]]]]]]
    two = [["missile", [[0, [7], [-1, 2]], [1000, [1], []], [70000, [-241, 8], []]], []],
           ["the", [[1, [1] * 300, []], [2, [1] * 70000, [-1] + [1] * 24]], []],
           ["zebra", [[3, [2], []]], []]]
    words = {}
    _read_chunk(chunk(one), 0, 0, words)  # fields: 0 title, 1 kind
    _read_chunk(chunk(two), 70001, 1, words)  # fields: 0 category (merged: 0 category, 1 kind, 2 title)
    remaps = [[2, 1], None]
    out = {}
    for word in words:
        (text, pages, variants), _ = _decode(_encode_word(word, words[word], remaps))
        number, absolute = 0, []
        for delta, locs, meta in pages:
            number += delta
            absolute.append([number, locs, meta])
        out[text] = (absolute, [[form, [[d, locs, meta] for d, locs, meta in vpages]] for form, vpages in variants])
    assert out["missile"][0] == [[0, [1], []], [23, [-25, 300, 2], [-3, 0]], [24, [70000], []],
                                 [300, [5, 6], [-2, 4, 1]], [70001, [7], [-1, 2]], [71001, [1], []],
                                 [140001, [-241, 8], []]]
    assert out["cafe"] == ([[2, [9], []]], [["café", [[5, [3], [-3, 0]], [85, [4], []]]]])
    assert out["zebra"][0] == [[70004, [2], []]]
    assert out["the"][0] == [[70002, [1] * 300, []], [70003, [1] * 70000, [-1] + [1] * 24]]
    assert words["missile"].size == sum(len(locs) + len(meta) + 1 for _, locs, meta in out["missile"][0])
