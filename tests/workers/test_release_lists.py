"""Lists the Deduplicate page lets go are emptied by a worker, and only the lists it was given."""

from app.workers.dedup_tasks import release_lists


def test_release_lists_empties_what_it_was_given():
    groups, merges, kept = [[1, 2]] * 60_000, list(range(70_000)), [1, 2, 3]
    held = [groups, merges]
    release_lists(held)
    assert held == [] and groups == [] and merges == [] and kept == [1, 2, 3]
