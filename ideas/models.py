"""Boards, ideas, comments, votes, the vernissage, goals and their handshake pledges."""
