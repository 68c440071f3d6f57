"""The in-memory page store each server process keeps: bounded, least recently used out."""

import threading

from outsourcing_advisor.process_cache import ProcessCache


def test_the_least_recently_used_entries_go_first_when_it_is_full():
    cache = ProcessCache(max_bytes=10)
    cache.set("a", b"1234")
    cache.set("b", b"1234")
    assert cache.get("a") == b"1234"  # "a" is now the most recently used

    cache.set("c", b"1234")

    assert cache.get("b") is None
    assert (cache.get("a"), cache.get("c")) == (b"1234", b"1234")
    assert cache.size == 8


def test_a_value_larger_than_the_whole_cache_is_not_kept_and_evicts_nothing():
    cache = ProcessCache(max_bytes=10)
    cache.set("small", b"12")
    cache.set("huge", b"x" * 11)
    assert cache.get("huge") is None
    assert cache.get("small") == b"12"


def test_replacing_a_value_counts_only_the_new_one():
    cache = ProcessCache(max_bytes=100)
    cache.set("a", b"x" * 40)
    cache.set("a", b"x" * 10)
    assert cache.size == 10
    assert len(cache) == 1


def test_an_explicit_size_is_what_counts():
    cache = ProcessCache(max_bytes=100)
    cache.set("page", ("text/html", b"body"), size=60)
    cache.set("other", ("text/html", b"body"), size=60)
    assert cache.get("page") is None
    assert cache.size == 60


def test_delete_and_clear_free_the_space():
    cache = ProcessCache(max_bytes=100)
    cache.set("a", b"x" * 30)
    cache.set("b", b"x" * 30)
    cache.delete("a")
    cache.delete("missing")
    assert (cache.get("a"), cache.size) == (None, 30)
    cache.clear()
    assert (len(cache), cache.size) == (0, 0)


def test_threads_sharing_it_never_push_it_past_its_bound():
    cache = ProcessCache(max_bytes=1000)

    def fill(worker):
        for number in range(500):
            cache.set((worker, number), b"x" * (number % 50 + 1))
            cache.get((worker, number // 2))

    threads = [threading.Thread(target=fill, args=(worker,)) for worker in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert 0 < cache.size <= 1000
    assert cache.size == sum(len(cache.get(key) or b"") for key in list(cache._entries))
