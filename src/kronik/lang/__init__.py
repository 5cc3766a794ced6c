"""Language packs (``id``, ``en``) and language identification."""

from kronik.lang.base import LanguagePack, all_packs, get_pack

__all__ = ["LanguagePack", "all_packs", "get_pack"]
