package definition

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
)

// ConfirmState is what a definition's confirmation is worth now.
type ConfirmState string

// Confirmation states.
const (
	StateDraft     ConfirmState = "draft"
	StateConfirmed ConfirmState = "confirmed" // confirmed, and unchanged since
	// StateChanged: confirmed, but something it confirmed was changed afterwards (by hand or
	// by a later save); it must be confirmed again.
	StateChanged ConfirmState = "changed_after_confirmation"
	// StateUnsigned: confirmed by a seglab that did not yet sign confirmations, so a later
	// change cannot be told.
	StateUnsigned ConfirmState = "confirmed_unsigned"
)

// ContentHash is the SHA-256 (hex) of everything a confirmation confirms: the whole
// definition but its confirmation, in the canonical JSON encoding.
func (d *Definition) ContentHash() (string, error) {
	c := *d
	c.Confirmation = Confirmation{}
	b, err := json.Marshal(&c)
	if err != nil {
		return "", fmt.Errorf("definition: hashing the content: %w", err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]), nil
}

// State says whether the definition is a draft, confirmed and unchanged, or changed after
// its confirmation (its content no longer has the hash the confirmation signed).
func (d *Definition) State() ConfirmState {
	c := d.Confirmation
	switch {
	case c.Status != Confirmed:
		return StateDraft
	case c.ContentSHA256 == "":
		return StateUnsigned
	}
	if h, err := d.ContentHash(); err != nil || h != c.ContentSHA256 {
		return StateChanged
	}
	return StateConfirmed
}

// StateText says the state in English or Chinese (lang "zh"), for every front end.
func (s ConfirmState) Text(lang string) string {
	t := map[ConfirmState][2]string{
		StateDraft:     {"draft", "草稿"},
		StateConfirmed: {"confirmed", "已确认"},
		StateChanged:   {"changed after confirmation: confirm it again", "确认后已被修改，需重新确认"},
		StateUnsigned:  {"confirmed (by an older seglab that did not sign confirmations)", "已确认（旧版 seglab 确认，未签名）"},
	}[s]
	if lang == "zh" {
		return t[1]
	}
	return t[0]
}
