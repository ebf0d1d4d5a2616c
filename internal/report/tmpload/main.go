package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/chromedp/chromedp"
)

func main() {
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.NoSandbox, chromedp.WindowSize(1440, 900))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel2 := chromedp.NewContext(actx)
	defer cancel2()
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		panic(err)
	}
	for _, f := range os.Args[1:] {
		t0 := time.Now()
		if err := chromedp.Do(ctx, chromedp.Navigate("file://"+f)); err != nil {
			fmt.Println(err)
			continue
		}
		nav := time.Since(t0)
		s, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(()=>{const t=performance.timing;const p=performance.getEntriesByType("paint").map(e=>e.name+"="+Math.round(e.startTime)).join(" ");return "dcl="+(t.domContentLoadedEventEnd-t.navigationStart)+" load="+(t.loadEventEnd-t.navigationStart)+" "+p})()`))
		fmt.Println(f, nav.Round(time.Millisecond), s, err)
	}
}
