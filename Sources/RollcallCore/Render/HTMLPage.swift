/// What every HTML page Rollcall writes shares: the content type that escapes values for HTML,
/// a content security policy that allows nothing but inline styles (the file opens offline,
/// runs no script and loads nothing), and the base styles. Each page adds its own classes.
enum HTMLPage {
    /// The start of a Mustache template up to `<body>`; `title` may hold Mustache tags.
    static func head(title: String, styles: String) -> String {
        """
        {{% CONTENT_TYPE: \(MarkupContent.html)}}<!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title)</title>
        <style>
        body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem; color: #1b1f24; }
        h1 { font-size: 1.6rem; margin-bottom: .2rem; }
        h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #d0d7de; padding-bottom: .2rem; }
        table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
        th, td { border: 1px solid #d0d7de; padding: .25rem .45rem; text-align: left; vertical-align: top; }
        th { background: #f6f8fa; }
        .meta { color: #57606a; }
        .signoff td { height: 2.2rem; }
        \(styles)
        </style>
        </head>
        <body>

        """
    }

    /// The sign-off block and the end of the page.
    static let signOff = """

        <h2>Sign-off</h2>
        <table class="signoff"><tr><th>reviewed by</th><th>role</th><th>date</th><th>signature</th></tr><tr><td>{{signer}}</td><td></td><td></td><td></td></tr></table>
        </body>
        </html>

        """
}
