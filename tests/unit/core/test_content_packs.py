import os
import tracemalloc
from pathlib import Path

from checkback.core.content_packs import scan_playbook_files, scan_policy_files
from tests.conftest import write_policy


def scanned(pack: Path) -> list[str]:
    return [str(Path(file.path).relative_to(pack)) for file in scan_policy_files([pack])]


def test_a_folder_link_to_its_own_folder_is_not_followed(tmp_path: Path):
    folder = tmp_path / "policies"
    write_policy(folder, "refunds.md", "Refunds")
    write_policy(folder / "returns", "exchanges.md", "Exchanges")
    os.symlink(".", folder / "loop")
    os.symlink("..", folder / "returns" / "up")
    assert scanned(tmp_path) == ["policies/refunds.md", "policies/returns/exchanges.md"]


def test_two_links_to_one_folder_give_its_files_once(tmp_path: Path):
    shared = tmp_path / "shared"
    write_policy(shared, "privacy.md", "Privacy")
    folder = tmp_path / "pack" / "policies"
    folder.mkdir(parents=True)
    os.symlink(shared, folder / "a")
    os.symlink(shared, folder / "b")
    assert scanned(tmp_path / "pack") == ["policies/a/privacy.md"]


def test_a_linked_file_is_read_like_any_other(tmp_path: Path):
    elsewhere = write_policy(tmp_path / "elsewhere", "price-match.md", "Price match")
    folder = tmp_path / "pack" / "policies"
    write_policy(folder, "refunds.md", "Refunds")
    os.symlink(elsewhere, folder / "price-match.md")
    assert scanned(tmp_path / "pack") == ["policies/price-match.md", "policies/refunds.md"]


def test_a_link_loop_in_playbooks_ends(tmp_path: Path):
    folder = tmp_path / "playbooks"
    folder.mkdir()
    (folder / "calm.yaml").write_text("name: Calm\n")
    os.symlink(".", folder / "again")
    assert [Path(file.path).name for file in scan_playbook_files([tmp_path])] == ["calm.yaml"]


def test_a_check_that_needs_no_order_holds_no_folder_of_names(tmp_path: Path):
    folder = tmp_path / "pack" / "policies"
    folder.mkdir(parents=True)
    for number in range(3000):
        (folder / f"policy-{number:05}-with-a-long-descriptive-name.md").write_text("x")
    packs = [tmp_path / "pack"]

    def peak_bytes(ordered: bool) -> tuple[int, list[str]]:
        tracemalloc.start()
        try:
            paths = [Path(file.path).name for file in scan_policy_files(packs, ordered)
                     if file.path.endswith("7-with-a-long-descriptive-name.md")]
            return tracemalloc.get_traced_memory()[1], paths
        finally:
            tracemalloc.stop()

    sorted_peak, sorted_names = peak_bytes(ordered=True)
    listed_peak, listed_names = peak_bytes(ordered=False)

    assert sorted(listed_names) == sorted_names  # the same files, in the folder's order
    assert listed_peak * 4 < sorted_peak  # 3,000 names held at once only to sort them
