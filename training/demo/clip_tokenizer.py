"""A CLIP-format BPE tokenizer (vocab.json + merges.txt) for the demo world's own small vocabulary.

The layout follows openai/CLIP's simple_tokenizer: ids 0-255 are the byte characters of `bytes_to_unicode`,
256-511 the same with the end-of-word marker `</w>`, then one id per merge result, and the specials at CLIP's ids
(BOS <|startoftext|> = 49406, EOS <|endoftext|> = 49407). Any text tokenizes (into byte tokens at worst); the
world's words come out as one token each. Padding is EOS, as in SD 1.x.
"""
import json
import os
import re

BOS = 49406
EOS = 49407
MAX_LENGTH = 77


def bytes_to_unicode():
    """CLIP/GPT-2's reversible byte -> printable character map."""
    bs = list(range(ord('!'), ord('~') + 1)) + list(range(ord('¡'), ord('¬') + 1)) + list(range(ord('®'), ord('ÿ') + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, [chr(c) for c in cs]))


BYTE_CHARS = bytes_to_unicode()
# CLIP's pre-tokenizer, less its \p{L}/\p{N} classes (the demo's words are ASCII); letters and digits of other
# scripts still fall into the last alternative and become byte tokens.
PATTERN = re.compile(r"<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[a-z]+|[0-9]|[^\sa-z0-9]+", re.IGNORECASE)


def _bpe(word, ranks):
    """Standard BPE on one pre-token (a tuple of symbols, `</w>` on the last), lowest merge rank first."""
    symbols = list(word)
    while len(symbols) > 1:
        best = None
        for i in range(len(symbols) - 1):
            r = ranks.get((symbols[i], symbols[i + 1]))
            if r is not None and (best is None or r < best[0]):
                best = (r, i)
        if best is None:
            break
        a, b = symbols[best[1]], symbols[best[1] + 1]
        merged = []
        i = 0
        while i < len(symbols):
            if i < len(symbols) - 1 and symbols[i] == a and symbols[i + 1] == b:
                merged.append(a + b)
                i += 2
            else:
                merged.append(symbols[i])
                i += 1
        symbols = merged
    return symbols


def _pre_tokens(text):
    text = ' '.join(text.split()).lower()
    for piece in PATTERN.findall(text):
        chars = [BYTE_CHARS[b] for b in piece.encode('utf-8')]
        chars[-1] += '</w>'
        yield tuple(chars)


class Tokenizer:
    def __init__(self, words):
        byte_chars = list(BYTE_CHARS.values())
        self.vocab = {c: i for i, c in enumerate(byte_chars)}
        for i, c in enumerate(byte_chars):
            self.vocab[c + '</w>'] = 256 + i
        self.merges = []
        self.ranks = {}
        # Each new word is merged left to right from whatever the earlier merges already make of it. New merges
        # rank after all earlier ones, so they never change how an earlier word splits.
        for word in words:
            for pre in _pre_tokens(word):
                symbols = _bpe(pre, self.ranks)
                while len(symbols) > 1:
                    pair = (symbols[0], symbols[1])
                    self.ranks[pair] = len(self.merges)
                    self.merges.append(pair)
                    self.vocab.setdefault(pair[0] + pair[1], len(self.vocab))
                    symbols = [pair[0] + pair[1]] + symbols[2:]
        for word in words:
            for pre in _pre_tokens(word):
                assert len(_bpe(pre, self.ranks)) == 1, f'{word!r} does not merge into one token'
        self.vocab['<|startoftext|>'] = BOS
        self.vocab['<|endoftext|>'] = EOS

    def encode(self, text):
        """Token ids without BOS/EOS."""
        ids = []
        for pre in _pre_tokens(text):
            ids.extend(self.vocab[s] for s in _bpe(pre, self.ranks))
        return ids

    def __call__(self, text):
        """[BOS] + ids + [EOS], truncated to 77 with EOS last, padded with EOS."""
        ids = [BOS] + self.encode(text)[: MAX_LENGTH - 2] + [EOS]
        return ids + [EOS] * (MAX_LENGTH - len(ids))

    def save(self, directory):
        os.makedirs(directory, exist_ok=True)
        with open(os.path.join(directory, 'vocab.json'), 'w', encoding='utf-8') as f:
            json.dump(self.vocab, f, ensure_ascii=False)
        with open(os.path.join(directory, 'merges.txt'), 'w', encoding='utf-8') as f:
            f.write('#version: 0.2\n')
            for a, b in self.merges:
                f.write(f'{a} {b}\n')
        special = {
            'bos_token': '<|startoftext|>',
            'eos_token': '<|endoftext|>',
            'unk_token': '<|endoftext|>',
            'pad_token': '<|endoftext|>',
        }
        with open(os.path.join(directory, 'special_tokens_map.json'), 'w') as f:
            json.dump(special, f, indent=2)
        config = {
            'tokenizer_class': 'CLIPTokenizer',
            'model_max_length': MAX_LENGTH,
            'do_lower_case': True,
            'add_prefix_space': False,
            'errors': 'replace',
            **special,
        }
        with open(os.path.join(directory, 'tokenizer_config.json'), 'w') as f:
            json.dump(config, f, indent=2)
