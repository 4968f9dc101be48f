// Package i18n holds the workbench's interface language: which language to show and the
// table of every label in English and Chinese.
package i18n

import (
	"fmt"
	"strings"
)

// Lang is an interface language.
type Lang string

// The interface languages.
const (
	EN Lang = "en"
	ZH Lang = "zh"
)

// Parse returns the language named by s ("en" or "zh", any case, surrounding space ignored).
func Parse(s string) (Lang, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "en":
		return EN, nil
	case "zh":
		return ZH, nil
	}
	return "", fmt.Errorf("unknown interface language %q (use en or zh)", s)
}

// Detect returns the language the locale environment asks for, reading it through getenv
// (os.Getenv in production). The first of LC_ALL, LC_MESSAGES and LANG that is set decides,
// as POSIX orders them: a value starting with "zh" (zh_CN.UTF-8, zh_TW, zh) gives ZH,
// anything else, or nothing set at all, gives EN.
func Detect(getenv func(string) string) Lang {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := getenv(name)
		if v == "" {
			continue
		}
		if strings.HasPrefix(strings.ToLower(v), "zh") {
			return ZH
		}
		return EN
	}
	return EN
}
