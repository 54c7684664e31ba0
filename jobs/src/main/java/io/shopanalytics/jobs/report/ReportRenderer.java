package io.shopanalytics.jobs.report;

import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/** Renders a {@link ReportModel} into one self-contained HTML page (template report/report.html). */
public final class ReportRenderer {
  private final TemplateEngine engine = new TemplateEngine();

  public ReportRenderer() {
    ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(ReportRenderer.class.getClassLoader());
    resolver.setPrefix("report/");
    resolver.setSuffix(".html");
    resolver.setTemplateMode(TemplateMode.HTML);
    resolver.setCharacterEncoding("UTF-8");
    engine.setTemplateResolver(resolver);
  }

  public String render(ReportModel model) {
    Context context = new Context();
    context.setVariable("report", model);
    context.setVariable("data", ScriptJson.of(model));
    context.setVariable("echarts", PageResources.echarts());
    context.setVariable("script", PageResources.script());
    context.setVariable("style", PageResources.style());
    return engine.process("report", context);
  }
}
