"""Footers: one style on every screen, the keys in one order whatever has focus, and
only keys that do something there."""

from __future__ import annotations

from support.apps import QUICK_ID, QUICK_TOML, footer_keys, make_app, write_routine
from textual.widgets import Footer

from hamcoach.ui.screens.editor import EditorScreen
from hamcoach.ui.screens.history import HistoryScreen
from hamcoach.ui.screens.picker import PickerScreen
from hamcoach.ui.widgets.key_footer import KeyFooter

SIZE = (80, 24)



async def test_every_footer_is_the_compact_key_footer(isolated_home):
    write_routine(isolated_home, QUICK_ID, QUICK_TOML)
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        seen = []
        for key in ("h", "escape", "c", "escape"):
            footer = app.screen.query_one(Footer)
            assert isinstance(footer, KeyFooter) and footer.compact, type(app.screen).__name__
            seen.append(type(app.screen).__name__)
            await pilot.press(key)
            await pilot.pause()
        assert seen == ["PickerScreen", "HistoryScreen", "PickerScreen", "EditorScreen"]


async def test_the_picker_offers_start_and_delete_only_where_they_act(isolated_home):
    write_routine(isolated_home, QUICK_ID, QUICK_TOML)
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PickerScreen)
        keys = footer_keys(app)
        assert keys[0].endswith(" Start")  # the list's own Enter no longer hides it
        assert "d Delete" not in keys  # a built-in routine is highlighted
        index = next(i for i, r in enumerate(screen.shown) if r.id == QUICK_ID)
        screen.query_one("#routine-list").highlighted = index
        await pilot.pause()
        await pilot.pause()  # the footer recomposes after a refresh
        keys_on_custom = footer_keys(app)
        assert "d Delete" in keys_on_custom
        assert [k for k in keys_on_custom if k != "d Delete"] == keys  # nothing else moved
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("escape")
        # d on a built-in one says why, though the footer does not offer it
        screen.query_one("#routine-list").highlighted = 0
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert any("cannot be deleted" in str(n.message) for n in app._notifications)


async def test_the_progress_pane_offers_no_open_session(isolated_home):
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert not any(k.endswith(" Open") for k in footer_keys(app))  # no sessions yet
        await pilot.press("p")
        await pilot.pause()
        assert not any(k.endswith(" Open") for k in footer_keys(app))


async def test_the_editor_keeps_its_keys_in_one_order_as_focus_moves(isolated_home):
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        orders = []
        for selector in ("#routine-name", "#routine-description", "#exercise-list", "#ex-name", "#ex-cues"):
            app.screen.set_focus(app.screen.query_one(selector))
            await pilot.pause()
            orders.append(footer_keys(app))
        common = set.intersection(*(set(order) for order in orders))
        shared = [[k for k in order if k in common] for order in orders]
        assert all(order == shared[0] for order in shared), shared
        assert shared[0][0].endswith("Save")


async def test_at_60_columns_every_footer_is_whole(isolated_home):
    """The picker, the history (both panes), the editor (form and list) at 60x18: each
    shown key ends inside the screen (the app's ? and m leave where there is no room)."""
    write_routine(isolated_home, QUICK_ID, QUICK_TOML)
    app = make_app(isolated_home)

    def whole() -> None:
        keys = list(app.screen.query_one(Footer).query("FooterKey"))
        assert keys, type(app.screen).__name__
        assert all(key.region.right <= 60 for key in keys), footer_keys(app)

    async with app.run_test(size=(60, 18)) as pilot:
        await pilot.pause()
        screen = app.screen
        index = next(i for i, r in enumerate(screen.shown) if r.id == QUICK_ID)
        screen.query_one("#routine-list").highlighted = index  # a custom one: Delete too
        await pilot.pause()
        await pilot.pause()
        whole()
        await pilot.press("h")
        await pilot.pause()
        whole()
        await pilot.press("p")
        await pilot.pause()
        assert "p Sessions" in footer_keys(app)
        whole()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        whole()
        app.screen.set_focus(app.screen.query_one("#exercise-list"))
        await pilot.pause()
        await pilot.press("a", "escape")  # an undo to offer
        await pilot.pause()
        await pilot.pause()
        whole()
