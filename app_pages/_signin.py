"""What someone who may see no athlete gets instead of a page: the sign-in page, and a
polite page for an email the access file does not list (or cannot be read for). No
roster is read for them and nothing of it is drawn.

Sign-in is Streamlit's own OpenID Connect (``st.login``, configured by ``[auth]`` in
``.streamlit/secrets.toml``: docs/deploy.md). Named providers (``[auth.google]``, ...)
get a button each; the unnamed one a single "Sign in".
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from app_pages._widgets import md
from legday import access

#: Keys of ``[auth]`` that are settings shared by every provider, not providers.
SHARED_AUTH_KEYS = ("redirect_uri", "cookie_secret", "expose_tokens", "client_kwargs")


def providers() -> list[str]:
    """The named providers in ``[auth]`` (``[auth.NAME]`` with a client id), in order;
    ``[]`` means the unnamed one (``client_id`` in ``[auth]`` itself)."""
    settings = st.secrets.get("auth", {})
    return [
        name
        for name, value in settings.items()
        if name not in SHARED_AUTH_KEYS and isinstance(value, Mapping) and "client_id" in value
    ]


def sign_in_page() -> None:
    st.title("legday")
    st.markdown(
        "Sign in to see your training: an athlete sees their own log and plan, a coach "
        "the athletes they coach."
    )
    names = providers()
    if not names:
        st.button("Sign in", key="sign_in", type="primary", on_click=st.login)
    for name in names:
        st.button(
            f"Sign in with {name.capitalize()}",
            key=f"sign_in_{name}",
            type="primary",
            on_click=st.login,
            args=(name,),
        )
    st.caption("legday keeps no password: your club's sign-in provider checks who you are.")


def no_access_page(who: access.Grant) -> None:
    """Signed in, but granted nothing: say why, politely, and offer the way out."""
    st.title("legday")
    email = md(who.email or "")
    if who.kind == "unverified":
        st.info(
            f"Your sign-in provider says {email} is not a verified address, so legday "
            "cannot tell that it is yours. Verify it with the provider, then sign in again.",
            icon=":material/mark_email_unread:",
        )
    elif who.kind == "no-access":
        st.info(
            "legday cannot read its access file, so nobody sees an athlete until it is "
            "fixed. Ask your coach: `python -m legday validate FOLDER` lists its problems.",
            icon=":material/lock:",
        )
    else:
        st.info(
            f"You are signed in as {email}, but this legday has no athletes for you yet. "
            "Ask your coach to add you.",
            icon=":material/person_add:",
        )
    st.button("Sign out", key="sign_out", on_click=st.logout, icon=":material/logout:")


def gate(who: access.Grant) -> None:
    """The page drawn in place of any other for someone who may see no data."""
    if who.kind == "signed-out":
        sign_in_page()
    else:
        no_access_page(who)
