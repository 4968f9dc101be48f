package sample

import (
	"fmt"
	"strconv"
)

// Calendar arithmetic on day numbers (days since 1970-01-01) and seconds since 1970-01-01
// 00:00:00, without time zones: the exports carry local wall-clock times. The conversions are
// Howard Hinnant's civil-date algorithms, which are exact for the proleptic Gregorian calendar.

// dayOf returns the day number of the civil date y-m-d.
func dayOf(y, m, d int) int {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// civil returns the year, month and day of day number z.
func civil(z int) (y, m, d int) {
	z += 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	if mp < 10 {
		m = mp + 3
	} else {
		m = mp - 9
	}
	if m <= 2 {
		y++
	}
	return y, m, d
}

// month is a calendar month counted as year*12 + (month-1).
type month int

func monthOf(y, m int) month { return month(y*12 + m - 1) }

func (mo month) year() int  { return int(mo) / 12 }
func (mo month) month() int { return int(mo)%12 + 1 }

// day returns the day number of day d of the month.
func (mo month) day(d int) int { return dayOf(mo.year(), mo.month(), d) }

// lastDay returns the day number of the month's last day.
func (mo month) lastDay() int { return (mo + 1).day(1) - 1 }

// parseMonth parses "YYYY-MM" strictly (four-digit year 1900–9998, two-digit month).
func parseMonth(s string) (month, error) {
	if len(s) != 7 || s[4] != '-' {
		return 0, fmt.Errorf("as-of month %q is not of the form YYYY-MM", s)
	}
	y, err1 := strconv.Atoi(s[:4])
	m, err2 := strconv.Atoi(s[5:])
	if err1 != nil || err2 != nil || y < 1900 || y > 9998 || m < 1 || m > 12 || s[0] == '+' || s[5] == '+' {
		return 0, fmt.Errorf("as-of month %q is not of the form YYYY-MM", s)
	}
	return monthOf(y, m), nil
}

func append2(b []byte, v int) []byte { return append(b, byte('0'+v/10), byte('0'+v%10)) }

func append4(b []byte, v int) []byte {
	return append(b, byte('0'+v/1000), byte('0'+v/100%10), byte('0'+v/10%10), byte('0'+v%10))
}

// appendMonth appends "YYYY-MM".
func appendMonth(b []byte, mo month) []byte {
	b = append4(b, mo.year())
	b = append(b, '-')
	return append2(b, mo.month())
}

// appendDate appends day number z as "YYYY-MM-DD".
func appendDate(b []byte, z int) []byte {
	y, m, d := civil(z)
	b = append4(b, y)
	b = append(b, '-')
	b = append2(b, m)
	b = append(b, '-')
	return append2(b, d)
}

// appendTime appends second number s as "YYYY-MM-DD HH:MM:SS".
func appendTime(b []byte, s int64) []byte {
	z := int(s / 86400)
	sec := int(s % 86400)
	b = appendDate(b, z)
	b = append(b, ' ')
	b = append2(b, sec/3600)
	b = append(b, ':')
	b = append2(b, sec/60%60)
	b = append(b, ':')
	return append2(b, sec%60)
}
