"""Writes a WordPress export (WXR 1.2, in the shape WordPress 6's `export_wp()` writes, see
crates/ashyq-import/fixtures/real/) of POSTS published posts with COMMENTS threaded comments each, to stdout.
Standard library only; deterministic. Used by bench/import_wxr.sh."""

import random
import sys

posts, per_post = int(sys.argv[1]), int(sys.argv[2])
rng = random.Random(16)
words = ("ауыл радио газет сот заседание суд журналист report court press hearing river bridge school "
         "village news city mayor election water road").split()
out = sys.stdout
out.write('<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0"\n'
          '\txmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"\n'
          '\txmlns:content="http://purl.org/rss/1.0/modules/content/"\n'
          '\txmlns:wfw="http://wellformedweb.org/CommentAPI/"\n'
          '\txmlns:dc="http://purl.org/dc/elements/1.1/"\n'
          '\txmlns:wp="http://wordpress.org/export/1.2/"\n>\n\n<channel>\n'
          '\t<title>Bench Ledger</title>\n\t<link>https://bench.example</link>\n\t<language>en-US</language>\n'
          '\t<wp:wxr_version>1.2</wp:wxr_version>\n\t<wp:base_site_url>https://bench.example</wp:base_site_url>\n'
          '\t<wp:base_blog_url>https://bench.example</wp:base_blog_url>\n\n'
          '\t\t<wp:author><wp:author_id>1</wp:author_id><wp:author_login><![CDATA[desk]]></wp:author_login>'
          '<wp:author_email><![CDATA[desk@bench.example]]></wp:author_email><wp:author_display_name><![CDATA[Desk]]>'
          '</wp:author_display_name><wp:author_first_name><![CDATA[]]></wp:author_first_name>'
          '<wp:author_last_name><![CDATA[]]></wp:author_last_name></wp:author>\n\n')


def sentence(n):
    return " ".join(rng.choice(words) for _ in range(n))


for post in range(1, posts + 1):
    post_id = post * 100
    date = f"20{10 + post % 15:02d}-{1 + post % 12:02d}-{1 + post % 28:02d} {post % 24:02d}:00:00"
    body = "\n\n".join(f"<!-- wp:paragraph -->\n<p>{sentence(60)}.</p>\n<!-- /wp:paragraph -->" for _ in range(6))
    out.write(f"\t<item>\n\t\t<title><![CDATA[Story {post} {sentence(4)}]]></title>\n"
              f"\t\t<link>https://bench.example/story-{post}/</link>\n\t\t<dc:creator><![CDATA[desk]]></dc:creator>\n"
              f"\t\t<guid isPermaLink=\"false\">https://bench.example/?p={post_id}</guid>\n\t\t<description></description>\n"
              f"\t\t<content:encoded><![CDATA[{body}]]></content:encoded>\n"
              f"\t\t<excerpt:encoded><![CDATA[]]></excerpt:encoded>\n\t\t<wp:post_id>{post_id}</wp:post_id>\n"
              f"\t\t<wp:post_date><![CDATA[{date}]]></wp:post_date>\n\t\t<wp:post_date_gmt><![CDATA[{date}]]></wp:post_date_gmt>\n"
              f"\t\t<wp:comment_status><![CDATA[open]]></wp:comment_status>\n\t\t<wp:post_name><![CDATA[story-{post}]]></wp:post_name>\n"
              f"\t\t<wp:status><![CDATA[publish]]></wp:status>\n\t\t<wp:post_parent>0</wp:post_parent>\n"
              f"\t\t<wp:post_type><![CDATA[post]]></wp:post_type>\n\t\t<wp:post_password><![CDATA[]]></wp:post_password>\n"
              f"\t\t<category domain=\"post_tag\" nicename=\"{words[post % 7]}\"><![CDATA[{words[post % 7]}]]></category>\n")
    parent = 0
    for number in range(per_post):
        comment_id = post_id + number + 1
        parent = 0 if number % 3 == 0 else parent
        out.write(f"\t\t<wp:comment>\n\t\t\t<wp:comment_id>{comment_id}</wp:comment_id>\n"
                  f"\t\t\t<wp:comment_author><![CDATA[Reader {number}]]></wp:comment_author>\n"
                  f"\t\t\t<wp:comment_author_email><![CDATA[r{number}@mail.example]]></wp:comment_author_email>\n"
                  f"\t\t\t<wp:comment_author_IP><![CDATA[203.0.113.9]]></wp:comment_author_IP>\n"
                  f"\t\t\t<wp:comment_date><![CDATA[{date}]]></wp:comment_date>\n"
                  f"\t\t\t<wp:comment_date_gmt><![CDATA[{date}]]></wp:comment_date_gmt>\n"
                  f"\t\t\t<wp:comment_content><![CDATA[Comment {number} on story {post}: {sentence(12)}]]></wp:comment_content>\n"
                  f"\t\t\t<wp:comment_approved><![CDATA[1]]></wp:comment_approved>\n"
                  f"\t\t\t<wp:comment_type><![CDATA[comment]]></wp:comment_type>\n"
                  f"\t\t\t<wp:comment_parent>{parent}</wp:comment_parent>\n\t\t</wp:comment>\n")
        parent = comment_id
    out.write("\t</item>\n")
out.write("</channel>\n</rss>\n")
