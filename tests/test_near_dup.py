"""X002 on generated text: light revisions of a story are found (recall), other stories on the
same topic are not (precision), and the versions of one story are reported as one cluster.

The articles are generated here from word lists written for this test, with a seeded
``random.Random``: no third-party text, and vocabulary that no rule's list holds.
"""
import os
import random

import corpuslint

NAMES = ("Ardel Voss, Mira Calloway, Tobin Reyes, Greta Halvorsen, Idris Okafor, Lena Markov, Pavel Stroud, "
         "Noor Haddad, Ulla Brenner, Casimir Dunne, Alba Ferreira, Jonas Whitcombe").split(", ")
PLACES = ("Pellham, Dunmore Vale, Castra Bay, Orrin Falls, Westmarch, Kelbrook, Saltry, Ashgrove, Merriton, "
          "Halden Cross, Brackwater, Lune Harbour").split(", ")
GROUPS = ("the water board, the rail union, the county council, the port authority, the teachers' federation, "
          "the farmers' cooperative, the health trust, the tenants' association, the chamber of commerce, "
          "the fishing fleet, the museum trustees, the energy regulator").split(", ")
NOUNS = ("plan budget reservoir depot ferry contract strike levy bridge pipeline school clinic tramline harbour "
         "warehouse orchard quarry runway archive turbine library market tunnel hostel granary lighthouse canal "
         "stadium foundry observatory pension ballot tariff subsidy audit inquiry merger lease licence").split()
ADJECTIVES = ("delayed disputed costly modest ambitious unpopular temporary revised overdue rival regional "
              "seasonal emergency fragile generous cautious sweeping surprise narrow lengthy").split()
VERBS = ("approved rejected delayed criticised defended funded cancelled extended reviewed challenged praised "
         "postponed endorsed questioned expanded scaled back welcomed opposed announced suspended").split()
ADVERBS = ("on Monday", "on Tuesday", "late on Wednesday", "early on Thursday", "on Friday", "at the weekend",
           "last month")
PATTERNS = (
    "{name} said {group} had {verb} the {adj} {noun} {when}.",
    "Officials in {place} {verb} a {adj} {noun} after {n} residents wrote to {group}.",
    "The {noun} in {place} will cost about {n} million, according to {name}.",
    "\"We have waited {n} years for this {noun},\" said {name}, who speaks for {group}.",
    "Critics said the {adj} {noun} would leave {place} worse off than its neighbour {place2}.",
    "{group} {verb} the {noun} {when}, and a vote on the {adj} {noun2} is expected within {n} weeks.",
    "{name} told reporters in {place} that the {noun} was {adj} but necessary.",
    "Supporters of the {noun2} in {place2} {verb} the decision, calling it {adj}.",
    "About {n} people attended a meeting on the {noun} at the town hall in {place}.",
    "The {adj} {noun2} was first proposed by {name} {when}.",
)


def sentence(rng, topic):
    """One sentence; ``topic`` fixes the people, places and things a story is about."""
    return rng.choice(PATTERNS).format(
        name=rng.choice(topic["names"]), place=rng.choice(topic["places"]), place2=rng.choice(topic["places"]),
        group=rng.choice(topic["groups"]), noun=rng.choice(topic["nouns"]), noun2=rng.choice(NOUNS),
        adj=rng.choice(ADJECTIVES), verb=rng.choice(VERBS), when=rng.choice(ADVERBS), n=rng.randint(2, 900))


def topic(rng):
    return {"names": rng.sample(NAMES, 3), "places": rng.sample(PLACES, 2), "groups": rng.sample(GROUPS, 2),
            "nouns": rng.sample(NOUNS, 3)}


def story(rng, about, words):
    """Paragraphs of a few sentences each, about ``words`` words in all."""
    paragraphs, count = [], 0
    while count < words:
        paragraph = " ".join(sentence(rng, about) for _ in range(rng.randint(2, 4)))
        paragraphs.append(paragraph)
        count += len(paragraph.split())
    return paragraphs


def revise(rng, paragraphs, share=0.03):
    """``share`` of the words revised: each edit replaces, inserts or deletes one word, anywhere."""
    words = [paragraph.split() for paragraph in paragraphs]
    total = sum(map(len, words))
    for _ in range(max(1, round(share * total))):
        paragraph = rng.choice([p for p in words if len(p) > 2])
        at = rng.randrange(len(paragraph))
        edit = rng.choice(("replace", "insert", "delete"))
        if edit == "replace":
            paragraph[at] = rng.choice(NOUNS + ADJECTIVES)
        elif edit == "insert":
            paragraph.insert(at, rng.choice(ADJECTIVES))
        else:
            del paragraph[at]
    return [" ".join(p) for p in words]


def write(folder, name, title, paragraphs):
    (folder / name).write_text(title + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")


def near_duplicates(folder):
    """``{reported file: related file}`` of X002's findings."""
    report = corpuslint.lint([str(folder)], select=["X002"])
    found = {}
    for finding in report.findings:
        name = os.path.basename(finding.location.path)
        assert name not in found, f"{name} reported twice"
        found[name] = os.path.basename(finding.related[0].path)
    return found


def test_stories_with_three_percent_of_words_revised_are_found(tmp_path):
    rng = random.Random(12)
    for i in range(100):
        paragraphs = story(rng, topic(rng), rng.randint(150, 800))
        write(tmp_path, f"{i:03d}a.txt", f"Story {i}", paragraphs)
        write(tmp_path, f"{i:03d}b.txt", f"Story {i}, revised", revise(rng, paragraphs))
    found = near_duplicates(tmp_path)
    hits = sum(found.get(f"{i:03d}b.txt") == f"{i:03d}a.txt" for i in range(100))
    assert hits >= 95, f"recall {hits / 100:.2f}"
    assert all(reported[:3] == related[:3] for reported, related in found.items()), "a finding joins two stories"


def test_different_stories_on_the_same_topic_are_not_near_duplicates(tmp_path):
    rng = random.Random(7)
    for i in range(10):
        about = topic(rng)  # the same people, places and subjects in every story of the topic
        for j in range(4):
            write(tmp_path, f"{i:02d}_{j}.txt", f"Topic {i}, story {j}", story(rng, about, rng.randint(150, 500)))
    assert near_duplicates(tmp_path) == {}


def test_the_versions_of_one_story_are_one_cluster_anchored_at_the_first(tmp_path):
    rng = random.Random(3)
    paragraphs = story(rng, topic(rng), 400)
    write(tmp_path, "v00.txt", "Version 0", paragraphs)
    for i in range(1, 30):
        write(tmp_path, f"v{i:02d}.txt", f"Version {i}", revise(rng, paragraphs))
    write(tmp_path, "w.txt", "Another story", story(rng, topic(rng), 400))
    found = near_duplicates(tmp_path)
    assert sorted(found) == [f"v{i:02d}.txt" for i in range(1, 30)], "each later version once, the first never"
    for member in found:
        anchor = member
        while anchor in found:  # a version may name an earlier version whose own finding names the first
            assert found[anchor] < anchor
            anchor = found[anchor]
        assert anchor == "v00.txt"
    assert sum(related == "v00.txt" for related in found.values()) >= 25


def test_clusters_start_again_in_each_run():
    from corpuslint.finding import Location
    from corpuslint.registry import standalone_rule
    from corpuslint.rule import Corpus
    from corpuslint.rules.duplicates.near_duplicate import BodyRecord, NearDuplicate

    rule = standalone_rule(NearDuplicate)
    rule.setup()
    words = " ".join(sentence(random.Random(1), topic(random.Random(2))) for _ in range(20)).lower().split()
    signature = rule.hasher.word_signature(words, 2)
    records = [BodyRecord(signature, None, bytes(16), b"", Location(f"{name}.txt", name, None, 1, 1, 1, 9))
               for name in ("a", "b")]
    key = rule.hasher.band_keys(signature)[0]
    run, other_run = Corpus(2, 2), Corpus(2, 2)
    assert [f.location.path for f in rule.finish(key, records, run)] == ["b.txt"]
    assert list(rule.finish(key + 1, records, run)) == [], "a document is reported once per run"
    assert [f.location.path for f in rule.finish(key, records, other_run)] == ["b.txt"]


def test_stories_rewritten_beyond_recognition_are_not_near_duplicates(tmp_path):
    rng = random.Random(9)
    paragraphs = story(rng, topic(rng), 400)
    write(tmp_path, "a.txt", "Story", paragraphs)
    write(tmp_path, "b.txt", "Story, rewritten", revise(rng, paragraphs, 0.3))
    assert near_duplicates(tmp_path) == {}


def _signed_records(rule, changes: dict[str, list[int]]):
    """A record per name whose signature is one shared signature with the values at the given
    positions changed (position ``6 * b`` is in the key of band ``b``)."""
    from array import array

    from corpuslint.finding import Location
    from corpuslint.rules.duplicates.near_duplicate import BodyRecord

    base = array("H", range(1000, 1000 + rule.opts.num_perm))
    records = {}
    for name, positions in changes.items():
        values = array("H", base)
        for position in positions:
            values[position] = 7
        location = Location(f"{name}.txt", name, None, 1, 1, 1, 9)
        records[name] = BodyRecord(values.tobytes(), None, bytes(16), b"", location)
    return records


def test_a_version_met_first_beside_a_later_one_is_named_after_the_anchor():
    """v2 is near v1 (they first share band 0), v3 near v2 (band 1) and near v1 too (band 2 first):
    v3's block with v2 comes first, and its finding names v1, the cluster's anchor."""
    from corpuslint.registry import standalone_rule
    from corpuslint.rule import Corpus
    from corpuslint.rules.duplicates.near_duplicate import NearDuplicate

    rule = standalone_rule(NearDuplicate)
    rule.setup()
    v = _signed_records(rule, {"v1": [], "v2": [6], "v3": [0, 6]})
    run = Corpus(3, 3)
    found = {}
    for band, members in ((0, "v1 v2"), (1, "v2 v3"), (2, "v1 v2 v3")):
        records = [v[name] for name in members.split()]
        key = rule.hasher.band_keys(records[0].signature)[band]
        assert all(rule.hasher.band_keys(r.signature)[band] == key for r in records)
        for finding in rule.finish(key, records, run):
            assert finding.location.path not in found, "a document is reported once per run"
            found[finding.location.path] = [r.path for r in finding.related]
    assert found == {"v2.txt": ["v1.txt"], "v3.txt": ["v1.txt"]}
