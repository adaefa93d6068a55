"""课堂模式: a local exam server a class answers on phones over the room's Wi-Fi (DESIGN §9)."""
