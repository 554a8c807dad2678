"""The Scrapy peer of `braid bench crawl`: the same site, limits and concurrency as Braid's crawler.

Usage: scrapy_spider.py START_URL MAX_PAGES MAX_DEPTH CONCURRENCY OUT.jsonl
Prints one JSON line: {"pages": N, "seconds": S}, timed from the spider opening to its closing (not interpreter
start-up), so the figure compares crawling with crawling. Links are taken as Braid takes them (a, area and
link rel=canonical hrefs, same host); robots.txt is obeyed; every page becomes one JSON line in OUT.jsonl.
"""
import json
import sys
import time
from urllib.parse import urlparse

import scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.linkextractors import LinkExtractor

start, max_pages, max_depth, concurrency, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
# allow_domains does not match an IP address with a port, so the same-host rule is applied by hand in parse.
host = urlparse(start).netloc
links = LinkExtractor(tags=("a", "area", "link"), attrs=("href",), canonicalize=False)
timing = {}


class DemoSpider(scrapy.Spider):
    name = "demo"
    start_urls = [start]
    pages = 0

    def start_requests(self):
        timing["start"] = time.perf_counter()
        # Through the duplicate filter (Scrapy's start requests bypass it), so the home page's canonical link to
        # itself is not fetched a second time: Braid's seen set holds seeds too.
        yield scrapy.Request(start, callback=self.parse, dont_filter=False)

    def closed(self, reason):
        timing["end"] = time.perf_counter()

    def parse(self, response):
        DemoSpider.pages += 1
        found = [l for l in links.extract_links(response) if urlparse(l.url).netloc == host] if isinstance(response, scrapy.http.HtmlResponse) else []
        yield {"url": response.url, "status": response.status, "title": response.css("title::text").get(), "links": len(found)}
        for link in found:
            yield scrapy.Request(link.url, callback=self.parse)


process = CrawlerProcess(settings={
    "LOG_LEVEL": "ERROR",
    "ROBOTSTXT_OBEY": True,
    "CONCURRENT_REQUESTS": concurrency,
    "CONCURRENT_REQUESTS_PER_DOMAIN": concurrency,
    "CONCURRENT_REQUESTS_PER_IP": 0,
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "DEPTH_LIMIT": max_depth,
    "CLOSESPIDER_PAGECOUNT": max_pages,
    "COOKIES_ENABLED": False,
    "TELNETCONSOLE_ENABLED": False,
    "DOWNLOAD_TIMEOUT": 10,
    "RETRY_TIMES": 3,
    "USER_AGENT": "BraidBenchScrapy/1.0 (the Scrapy peer of braid bench crawl)",
    "REQUEST_FINGERPRINTER_IMPLEMENTATION": "2.7",
    "FEEDS": {out: {"format": "jsonlines", "overwrite": True}},
})
process.crawl(DemoSpider)
process.start()
print(json.dumps({"pages": DemoSpider.pages, "seconds": timing["end"] - timing["start"]}))
