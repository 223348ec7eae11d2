/// The access review's page. Styles are inline and the content security policy allows
/// nothing else: the file opens offline, runs no script, and loads nothing.
enum DriftHTMLTemplate {
    /// The people tables' column widths: each section is a table of its own (so a browser can
    /// skip laying out those off screen), and fixed widths line their columns up.
    static let peopleColumns =
        #"<colgroup><col style="width:10%"><col style="width:11%"><col style="width:8%"><col style="width:9%">"#
        + #"<col style="width:16%"><col style="width:7%"><col style="width:11%"><col style="width:14%">"#
        + #"<col style="width:14%"></colgroup>"#

    static let text =
        HTMLPage.head(
            title: "Rollcall access review, {{today}}",
            styles: """
                td pre { margin: 0; white-space: pre-wrap; font-size: 12px; }
                .critical { background: #ffd7d5; } .high { background: #ffe4c4; } .medium { background: #fff5c2; }
                .low { background: #e6f4ff; } .info { background: #f4f4f4; } .clean { background: #ffffff; }
                .severity { font-weight: 600; text-transform: uppercase; font-size: 12px; }
                #people table { table-layout: fixed; margin: 0; }
                .rows { content-visibility: auto; contain-intrinsic-size: auto 9000px; }
                """)
            + """
            <h1>Rollcall access review</h1>
            <p class="meta">As of <strong id="today">{{today}}</strong>. Config {{config}}, commit <span id="commit">{{commit}}</span>.</p>
            <p id="summary"><strong>{{summary}}</strong></p>

            <h2>Summary</h2>
            <table id="counts">
            <tr><th>severity</th><th>findings</th></tr>
            {{#counts}}<tr class="{{severity}}"><td class="severity">{{severity}}</td><td>{{count}}</td></tr>
            {{/counts}}
            </table>

            <h2>Drift</h2>
            {{^findings}}<p>No drift: the live accounts match the config.</p>{{/findings}}
            {{#hasFindings}}
            <table id="findings">
            <tr><th>severity</th><th>account</th><th>staff</th><th>field</th><th>declared</th><th>live</th><th>finding</th><th>next apply</th><th>to adopt it instead</th><th>changed by</th></tr>
            {{/hasFindings}}
            {{#findings}}<tr class="{{severity}}"><td class="severity">{{severity}} {{status}}</td><td>{{address}}</td><td>{{staff}}</td><td>{{field}}</td><td>{{declared}}</td><td>{{live}}</td><td>{{message}}</td><td>{{revert}}</td><td><pre>{{adopt}}</pre></td><td>{{actor}}</td></tr>
            {{/findings}}
            {{#hasFindings}}</table>{{/hasFindings}}

            <h2>People and their access</h2>
            <p class="meta">{{peopleCount}} people, {{accounts}} accounts, as the live systems hold them.</p>
            <div id="people">
            <table>\(peopleColumns)
            <tr><th>staff</th><th>name</th><th>role</th><th>status</th><th>account</th><th>state</th><th>access</th><th>departments</th><th>Healthie permissions granted</th></tr></table>
            {{#peopleSections}}<section class="rows"><table>\(peopleColumns)
            {{#people}}{{#accounts}}<tr class="{{worst}}"><td>{{id}}</td><td>{{name}}</td><td>{{role}}</td><td>{{status}}{{#expires}} until {{expires}}{{/expires}}</td><td>{{place}}: {{login}}</td><td>{{state}}</td><td>{{access}}</td><td>{{departments}}</td><td>{{grants}}</td></tr>
            {{/accounts}}{{^accounts}}<tr class="{{worst}}"><td>{{id}}</td><td>{{name}}</td><td>{{role}}</td><td>{{status}}</td><td colspan="5">no accounts</td></tr>
            {{/accounts}}{{/people}}</table></section>
            {{/peopleSections}}
            </div>

            <h2>Unmanaged accounts</h2>
            {{^unmanaged}}<p>None: every live account is in the config or protected.</p>{{/unmanaged}}
            {{#hasUnmanaged}}<table id="unmanaged"><tr><th>severity</th><th>account</th><th>state</th><th>finding</th></tr>{{/hasUnmanaged}}
            {{#unmanaged}}<tr class="{{severity}}"><td class="severity">{{severity}}</td><td>{{address}}</td><td>{{live}}</td><td>{{message}}</td></tr>
            {{/unmanaged}}
            {{#hasUnmanaged}}</table>{{/hasUnmanaged}}

            <h2>Ignore rules</h2>
            {{^rules}}<p>None.</p>{{/rules}}
            {{#hasRules}}<table id="rules"><tr><th>account</th><th>fields</th><th>reason</th><th>until</th><th>state</th><th>findings suppressed</th></tr>{{/hasRules}}
            {{#rules}}<tr><td>{{account}}</td><td>{{fields}}</td><td>{{reason}}</td><td>{{until}}</td><td>{{state}}</td><td>{{matched}}</td></tr>
            {{/rules}}
            {{#hasRules}}</table>{{/hasRules}}
            {{#hasSuppressed}}<h2>Suppressed findings</h2><table id="suppressed"><tr><th>account</th><th>field</th><th>finding</th><th>why</th></tr>{{/hasSuppressed}}
            {{#suppressed}}<tr><td>{{address}}</td><td>{{field}}</td><td>{{message}}</td><td>{{reason}}</td></tr>
            {{/suppressed}}
            {{#hasSuppressed}}</table>{{/hasSuppressed}}

            """ + HTMLPage.signOff
}
